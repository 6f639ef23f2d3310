import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real OpenSSH server on 127.0.0.1 for tests, with its own keys and config in a temp dir. */
export interface TestSshd {
  port: number;
  /** The `known_hosts` line for this server (`[127.0.0.1]:port ssh-ed25519 …`). */
  knownHostsLine: string;
  /** A client private key authorised for root. */
  clientKey: string;
  dir: string;
  /** The listening sshd (its children serve the connections). */
  pid: number;
  /** What sshd logged so far (stderr; `logLevel` makes it chattier). */
  log(): string;
  stop(): Promise<void>;
}

/** Options of `startSshd`; without any, a key-only root login server as every other test expects. */
export interface SshdOptions {
  /** Authorise this existing client key instead of generating one. */
  clientKey?: string;
  /** Allow password logins (`PasswordAuthentication yes`, checked against /etc/shadow). */
  passwordAuth?: boolean;
  /** sshd's LogLevel (default ERROR); DEBUG1 logs direct-tcpip forwards. */
  logLevel?: string;
  /** More sshd_config lines (`AllowTcpForwarding no` …). */
  extraConfig?: string[];
}

/** Finds a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves once `port` on 127.0.0.1 accepts connections; rejects when `child` exits or `timeoutMs` passes. */
export function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited with code ${child.exitCode}`));
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
      socket.connect(port, '127.0.0.1');
    };
    attempt();
  });
}

/**
 * Starts `sshd -D` on a free port of 127.0.0.1 (root login with a generated key only). Needs the
 * openssh-server package (installed by .ci/run); fails loudly naming it when missing. `extraConfig` lines are
 * appended to sshd_config (for instance `PermitUserEnvironment yes`).
 */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  if (!existsSync('/usr/sbin/sshd'))
    throw new Error('the SSH tests need /usr/sbin/sshd: apt-get install openssh-server (bash .ci/run does)');
  const dir = mkdtempSync(join(tmpdir(), 'spindle-sshd-'));
  // sshd reads authorized_keys as the logging-in user: unprivileged test users must be able to reach it.
  chmodSync(dir, 0o755);
  const port = await freePort();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  const clientKey = options.clientKey ?? join(dir, 'client_ed25519');
  if (!options.clientKey) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      `PasswordAuthentication ${options.passwordAuth ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'StrictModes no',
      'UsePAM no',
      'MaxStartups 100:30:200',
      'MaxSessions 100',
      // As a stock sshd: scp (which speaks SFTP since OpenSSH 9) needs it.
      'Subsystem sftp internal-sftp',
      `LogLevel ${options.logLevel ?? 'ERROR'}`,
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${log}`);
  }
  const hostKey = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return {
    port,
    dir,
    clientKey,
    pid: child.pid!,
    log: () => log,
    knownHostsLine: `[127.0.0.1]:${port} ${hostKey}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
