import type { Client, ClientChannel } from 'ssh2';
import { ConnectError, type ConnectionMethod, type Transport } from '../core/index.js';
import { type SshEndpoint, sshLogin } from './ssh-client.js';

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
}

/**
 * Keepalive every 5 s; ssh2 gives up on the tick after `countMax` unanswered ones, so a silently dead link is
 * noticed (5 s × (2 + 1)) = 15 s after the last sign of life.
 */
export const KEEPALIVE_INTERVAL_MS = 5000;
/** See KEEPALIVE_INTERVAL_MS. */
export const KEEPALIVE_COUNT_MAX = 2;

const describe = (e: SshEndpoint) => `${e.user ? `${e.user}@` : ''}${e.host}:${e.port ?? 22}`;

/**
 * The `ssh` connection method (ssh2): one SSH connection and one long-lived exec channel per host carry the
 * whole context. Jump hosts are crossed like OpenSSH's ProxyJump: the controller opens a direct-tcpip channel
 * through each hop and logs in to the next over it, so host keys are checked here and no credentials leave.
 */
export function sshMethod(options: SshOptions): ConnectionMethod {
  return { kind: 'stream', name: 'ssh', open: (bootLine) => openSsh(options, bootLine) };
}

function tunnel(client: Client, to: SshEndpoint, label: string, name: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    client.forwardOut('127.0.0.1', 0, to.host, to.port ?? 22, (error, channel) =>
      error
        ? reject(
            new ConnectError(
              'tcp',
              `${label}: cannot open a tunnel to ${to.host}:${to.port ?? 22}: ${error.message}`,
              [],
              name,
            ),
          )
        : resolve(channel),
    ),
  );
}

async function openSsh(options: SshOptions, bootLine: string): Promise<Transport> {
  const targetLabel = `${options.name} (${describe(options)})`;
  const common = {
    inventoryName: options.name,
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: options.keepaliveCountMax ?? KEEPALIVE_COUNT_MAX,
  };
  const clients: Client[] = [];
  const endAll = () => {
    for (const c of [...clients].reverse()) c.end();
  };
  const hops = [...(options.jumps ?? []), options];
  try {
    for (const [i, hop] of hops.entries()) {
      const isTarget = i === hops.length - 1;
      const label = isTarget
        ? `${targetLabel}${i > 0 ? ` via jump ${describe(hops[i - 1])}` : ''}`
        : `${options.name} via jump ${describe(hop)}`;
      const previous = clients.at(-1);
      const sock = previous
        ? await tunnel(previous, hop, `${options.name} via jump ${describe(hops[i - 1])}`, options.name)
        : undefined;
      const client = await sshLogin(hop, { ...common, label, sock });
      // A hop that dies takes everything behind it along.
      if (previous) previous.on('close', () => client.end());
      clients.push(client);
    }
  } catch (error) {
    endAll();
    throw error;
  }
  const client = clients.at(-1)!;
  const channel = await new Promise<ClientChannel>((resolve, reject) =>
    client.exec(bootLine, (error, channel) =>
      error
        ? reject(
            new ConnectError(
              'bootstrap',
              `${targetLabel}: cannot start the context: ${error.message}`,
              [],
              options.name,
            ),
          )
        : resolve(channel),
    ),
  ).catch((error) => {
    endAll();
    throw error;
  });
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
    client.on('close', () => {
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
