import type { Client } from 'ssh2';

interface Chain {
  /** The logged-in hops, first to last; the last one opens the tunnels to targets. */
  clients: Promise<Client[]>;
  users: number;
  /** What to end when the chain dies (the targets tunnelled through it). */
  dependents: Set<() => void>;
  closed: boolean;
}

/** A chain of jump hosts one target holds; `release` when the target's connection ends. */
export interface JumpLease {
  /** The last hop: tunnels to the target start here. */
  client: Client;
  /** Ends `onDead` when the chain dies, so the target behind it is torn down with it. */
  watch(onDead: () => void): void;
  release(): void;
}

/**
 * ProxyJump connections shared by every target behind the same jump chain (same hops, users, keys and host key
 * settings), as OpenSSH's ControlMaster would share them: a hundred hosts behind one bastion log in to it once
 * and each gets a direct-tcpip channel. A chain closes when its last target goes, or when it dies (a failed
 * keepalive), taking its targets along; the next target then logs in again.
 */
export class SshJumpPool {
  private readonly chains = new Map<string, Chain>();

  /** The chain for `key`, logged in by `open` on first use (a failed login is not kept). */
  async acquire(key: string, open: () => Promise<Client[]>): Promise<JumpLease> {
    let chain = this.chains.get(key);
    if (!chain || chain.closed) {
      const created: Chain = { clients: open(), users: 0, dependents: new Set(), closed: false };
      chain = created;
      this.chains.set(key, created);
      created.clients.then(
        (clients) => {
          for (const client of clients)
            client.once('close', () => {
              if (created.closed) return;
              this.close(key, created, clients);
              for (const dead of created.dependents) dead();
            });
        },
        () => this.close(key, created, []),
      );
    }
    const current = chain;
    current.users++;
    let clients: Client[];
    try {
      clients = await current.clients;
    } catch (error) {
      current.users--;
      throw error;
    }
    const watchers = new Set<() => void>();
    let released = false;
    return {
      client: clients[clients.length - 1],
      watch: (onDead) => {
        watchers.add(onDead);
        current.dependents.add(onDead);
      },
      release: () => {
        if (released) return;
        released = true;
        for (const watcher of watchers) current.dependents.delete(watcher);
        if (--current.users === 0) this.close(key, current, clients);
      },
    };
  }

  private close(key: string, chain: Chain, clients: Client[]): void {
    if (chain.closed) return;
    chain.closed = true;
    if (this.chains.get(key) === chain) this.chains.delete(key);
    for (const client of [...clients].reverse()) client.end();
  }
}
