import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { MITOGEN_STRATEGIES } from './runners.js';

/** The versions and machine the table was measured with (docs/benchmarks.md prints them). */
export interface Environment {
  spindle: string;
  node: string;
  ansible: string | null;
  mitogen: string | null;
  openssh: string;
  machine: string;
}

function firstLine(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0 && !result.stdout && !result.stderr) return null;
  return `${result.stdout}${result.stderr}`.split('\n')[0].trim() || null;
}

function debianVersion(pkg: string): string | null {
  const result = spawnSync('dpkg-query', ['-W', '-f', '\x24{Version}', pkg], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Installs ansible-core and ansible-mitogen from Debian when missing (as root with apt-get); never fails the bench. */
export function ensurePeers(log: (line: string) => void): void {
  if (existsSync('/usr/bin/ansible-playbook') && existsSync(MITOGEN_STRATEGIES)) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    log('peers missing and not root: the table will say so (apt-get install ansible-core ansible-mitogen)');
    return;
  }
  log('installing the peers from Debian: ansible-core ansible-mitogen');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-q'], { env, stdio: 'ignore' });
    execFileSync(
      'apt-get',
      ['install', '-y', '-q', '--no-install-recommends', 'ansible-core', 'ansible-mitogen'],
      {
        env,
        stdio: 'ignore',
      },
    );
  } catch (error) {
    log(`installing the peers failed: ${(error as Error).message}`);
  }
}

/** True when this peer can run here (the table marks the others "not installed"). */
export function peerAvailable(runner: string): boolean {
  if (runner === 'play' || runner === 'floor') return true;
  if (!existsSync('/usr/bin/ansible-playbook')) return false;
  return runner !== 'mitogen' || existsSync(MITOGEN_STRATEGIES);
}

/** Reads the versions of everything measured, and the machine. */
export function describeEnvironment(root: string): Environment {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux';
  return {
    spindle: JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version,
    node: process.version,
    ansible: existsSync('/usr/bin/ansible-playbook')
      ? firstLine('/usr/bin/ansible-playbook', ['--version'])
      : null,
    mitogen: debianVersion('ansible-mitogen'),
    openssh: firstLine('ssh', ['-V']) ?? 'unknown',
    machine: `${os}, ${cpus().length} × ${model}`,
  };
}
