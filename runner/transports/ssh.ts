import type { Client, ClientChannel } from 'ssh2';
import { ConnectError, type ConnectionMethod, type Transport } from '../core/index.js';
import { type JumpLease, SshJumpPool } from './jump-pool.js';
import { type LoginOptions, type SshEndpoint, sshLogin } from './ssh-client.js';

export type { SshEndpoint } from './ssh-client.js';

/** Where and how to log in over SSH, and the jump hosts on the way. */
export interface SshOptions extends SshEndpoint {
  /** The inventory name, for messages. */
  name: string;
  /** ProxyJump hops in order (the first is reached directly); the controller tunnels through each. */
  jumps?: SshEndpoint[];
  connectTimeoutMs?: number;
  /** Default 5000 ms. */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives before the link is declared dead (default 2: dead within 15 s of silence). */
  keepaliveCountMax?: number;
  /** Shares jump connections between targets (ContextPool passes one per run); default: one chain per target. */
  jumpPool?: SshJumpPool;
}

/**
 * Keepalive every 5 s; ssh2 gives up on the tick after `countMax` unanswered ones, so a silently dead link is
 * noticed (5 s × (2 + 1)) = 15 s after the last sign of life.
 */
export const KEEPALIVE_INTERVAL_MS = 5000;
/** See KEEPALIVE_INTERVAL_MS. */
export const KEEPALIVE_COUNT_MAX = 2;

const address = (e: SshEndpoint) => `${e.user ? `${e.user}@` : ''}${e.host}:${e.port ?? 22}`;

/**
 * The `ssh` connection method (ssh2): one SSH connection and one long-lived exec channel per host carry the
 * whole context. Jump hosts are crossed like OpenSSH's ProxyJump: the controller opens a direct-tcpip channel
 * through each hop and logs in to the next over it, so host keys are checked here and no credentials leave.
 */
export function sshMethod(options: SshOptions): ConnectionMethod {
  return { kind: 'stream', name: 'ssh', open: (bootLine) => openSsh(options, bootLine) };
}

/** A direct-tcpip channel from `client` to the next hop; the jump host's own TCP connect is bounded too. */
function tunnel(
  client: Client,
  to: SshEndpoint,
  label: string,
  name: string,
  timeoutMs: number,
): Promise<ClientChannel> {
  const where = `${to.host}:${to.port ?? 22}`;
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new ConnectError('timeout', `${label}: timed out opening a tunnel to ${where}`, [], name));
    }, timeoutMs);
    client.forwardOut('127.0.0.1', 0, to.host, to.port ?? 22, (error, channel) => {
      clearTimeout(timer);
      if (done) return channel?.close();
      if (error)
        return reject(
          new ConnectError('tcp', `${label}: cannot open a tunnel to ${where}: ${error.message}`, [], name),
        );
      resolve(channel);
    });
  });
}

/** Logs in to each jump host in turn, each through a tunnel of the one before (labels: `via jump …`). */
async function openJumps(
  jumps: SshEndpoint[],
  common: Omit<LoginOptions, 'label' | 'sock'>,
): Promise<Client[]> {
  const clients: Client[] = [];
  try {
    for (const [i, hop] of jumps.entries()) {
      const previous = clients.at(-1);
      const sock = previous
        ? await tunnel(
            previous,
            hop,
            `via jump ${address(jumps[i - 1])}`,
            common.inventoryName,
            common.connectTimeoutMs,
          )
        : undefined;
      clients.push(await sshLogin(hop, { ...common, label: `via jump ${address(hop)}`, sock }));
    }
    return clients;
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
}

/** A failure of a shared jump chain, told from this target's point of view. */
function asTargetError(error: unknown, name: string): unknown {
  return error instanceof ConnectError
    ? new ConnectError(error.phase, `${name} ${error.message}`, error.lastOutput, name)
    : error;
}

async function openSsh(options: SshOptions, bootLine: string): Promise<Transport> {
  const targetLabel = `${options.name} (${address(options)})`;
  const common = {
    inventoryName: options.name,
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: options.keepaliveCountMax ?? KEEPALIVE_COUNT_MAX,
  };
  const jumps = options.jumps ?? [];
  let lease: JumpLease | undefined;
  if (jumps.length > 0) {
    const pool = options.jumpPool ?? new SshJumpPool();
    const key = JSON.stringify(jumps);
    // The chain is opened once for every target behind it: its errors are relabelled for this target.
    const shared = { ...common, inventoryName: '' };
    lease = await pool
      .acquire(key, () => openJumps(jumps, shared))
      .catch((error) => {
        throw asTargetError(error, options.name);
      });
  }
  let client: Client | undefined;
  const endAll = () => {
    client?.end();
    lease?.release();
  };
  let channel: ClientChannel;
  try {
    const sock = lease
      ? await tunnel(
          lease.client,
          options,
          `${options.name} via jump ${address(jumps.at(-1)!)}`,
          options.name,
          common.connectTimeoutMs,
        )
      : undefined;
    const label = `${targetLabel}${lease ? ` via jump ${address(jumps.at(-1)!)}` : ''}`;
    const ready = await sshLogin(options, { ...common, label, sock });
    client = ready;
    // A jump chain that dies takes the target behind it along.
    lease?.watch(() => ready.end());
    channel = await new Promise<ClientChannel>((resolve, reject) =>
      ready.exec(bootLine, (error, opened) =>
        error
          ? reject(
              new ConnectError(
                'bootstrap',
                `${targetLabel}: cannot start the context: ${error.message}`,
                [],
                options.name,
              ),
            )
          : resolve(opened),
      ),
    );
  } catch (error) {
    endAll();
    throw error;
  }
  const login = client;
  const closed = new Promise<{ code: number | null; signal: string | null }>((done) => {
    let code: number | null = null;
    let signal: string | null = null;
    channel.on('exit', (c: number | null, s?: string) => {
      code = c;
      signal = s ?? null;
    });
    channel.on('close', () => {
      endAll();
      done({ code, signal });
    });
    login.on('close', () => {
      endAll();
      done({ code, signal });
    });
  });
  return {
    stdin: channel,
    stdout: channel,
    stderr: channel.stderr,
    closed,
    close: () => {
      channel.close();
      endAll();
    },
  };
}
