import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from '../../e2e/support/sshd.js';

/** OpenSSH listens on at most 16 sockets per server (MAX_LISTEN_SOCKS). */
const PORTS_PER_SSHD = 16;

/** N loopback "hosts" for the comparison: one port each, served by ⌈N/16⌉ real sshd processes. */
export interface SshFarm {
  /** One port per host, in host order. */
  ports: number[];
  /** A client key authorised for root on every server. */
  clientKey: string;
  /** known_hosts with every port's host key (strict checking works for every runner). */
  knownHosts: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts enough sshd servers (root login with one generated key, loopback only) to serve `hosts` ports. */
export async function startSshFarm(hosts: number): Promise<SshFarm> {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-compare-'));
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const clientKey = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const knownHostsLines: string[] = [];
  try {
    for (let first = 0; first < hosts; first += PORTS_PER_SSHD) {
      const server = join(dir, `sshd${first / PORTS_PER_SSHD}`);
      mkdirSync(server);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(server, 'host_ed25519')]);
      const own: number[] = [];
      for (let i = first; i < Math.min(hosts, first + PORTS_PER_SSHD); i++) own.push(await freePort());
      writeFileSync(
        join(server, 'sshd_config'),
        [
          ...own.map((port) => `Port ${port}`),
          'ListenAddress 127.0.0.1',
          `HostKey ${join(server, 'host_ed25519')}`,
          `PidFile ${join(server, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'StrictModes no',
          'UsePAM no',
          'MaxStartups 400:30:800',
          'MaxSessions 100',
          'Subsystem sftp internal-sftp',
          'LogLevel ERROR',
          '',
        ].join('\n'),
      );
      const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(server, 'sshd_config')], {
        stdio: 'ignore',
      });
      children.push(child);
      for (const port of own) await waitForPort(port, child, 10_000);
      const hostKey = readFileSync(join(server, 'host_ed25519.pub'), 'utf8')
        .trim()
        .split(' ')
        .slice(0, 2)
        .join(' ');
      for (const port of own) knownHostsLines.push(`[127.0.0.1]:${port} ${hostKey}`);
      ports.push(...own);
    }
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `${knownHostsLines.join('\n')}\n`);
  return {
    ports,
    clientKey,
    knownHosts,
    dir,
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
