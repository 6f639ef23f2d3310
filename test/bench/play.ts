import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { startSshd, type TestSshd } from '../e2e/support/sshd.js';
import { floorRunner } from './compare/runners.js';
import { reportRatio } from './ratios.js';
import { median, report } from './report.js';

export interface RunFigures {
  wallS: number;
  cpuS: number;
  peakRssMiB: number;
  exitCode: number;
  stats: Record<string, { changed: number }>;
}

const HOSTS = 10;

/** Runs `play PLAYBOOK -i INVENTORY --json` in a fresh process; the stats come from its NDJSON recap. */
export function runOnce(playbook: string, inventory: string): RunFigures {
  const script = join(packageRoot(), 'dist', 'test', 'bench', 'play-run.js');
  const dir = mkdtempSync(join(tmpdir(), 'spindle-bench-run-'));
  try {
    const file = join(dir, 'figures.json');
    const child = spawnSync(process.execPath, [script, playbook, '-i', inventory, '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 << 20,
      env: { ...process.env, SPINDLE_BENCH_FIGURES: file },
    });
    const recap = child.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; kind?: string; stats?: RunFigures['stats'] })
      .find((record) => record.stats !== undefined);
    if (child.status !== 0 || !recap)
      throw new Error(
        `benchmark run of ${playbook} failed (${child.status}): ${child.stderr}${child.stdout.slice(-2000)}`,
      );
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<RunFigures, 'stats'>), stats: recap.stats! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportRuns(name: string, runs: RunFigures[]): void {
  report(`${name}_s`, median(runs.map((r) => r.wallS)), 's');
  report(`${name}_cpu_s`, median(runs.map((r) => r.cpuS)), 's');
  report(`${name}_peak_rss_MiB`, Math.max(...runs.map((r) => r.peakRssMiB)), 'MiB');
}

/** Writes an INI inventory of 10 hosts: sshd ports on 127.0.0.1 (strict host keys), or local connections. */
export function inventoryFile(dir: string, servers: TestSshd[] | null): string {
  const lines = ['[bench]'];
  for (let i = 0; i < HOSTS; i++) {
    const name = `host${String(i).padStart(2, '0')}`;
    if (!servers) lines.push(`${name} ansible_connection=local`);
    else {
      const s = servers[i];
      lines.push(
        `${name} ansible_host=127.0.0.1 ansible_port=${s.port} ansible_user=root ansible_ssh_private_key_file=${servers[0].clientKey} spindle_known_hosts_file=${join(dir, 'known_hosts')}`,
      );
    }
  }
  if (servers)
    writeFileSync(join(dir, 'known_hosts'), `${servers.map((s) => s.knownHostsLine).join('\n')}\n`);
  const path = join(dir, servers ? 'ssh.ini' : 'local.ini');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** The floor: 10 parallel OpenSSH logins that each start `node -e 0` (median of 3), in seconds. */
function floorSeconds(servers: TestSshd[], knownHosts: string): number {
  const { argv } = floorRunner.command({
    playbook: null,
    inventory: '',
    ports: servers.map((s) => s.port),
    clientKey: servers[0].clientKey,
    knownHosts,
    forks: servers.length,
    scratch: '',
  });
  const runs = [0, 1, 2].map(() => {
    const started = process.hrtime.bigint();
    const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', timeout: 60_000 });
    if (result.status !== 0) throw new Error('the floor (parallel OpenSSH logins) failed');
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  return median(runs);
}

function benchSet(prefix: string, inventory: string): number {
  const bench = join(packageRoot(), '..', 'shared', 'bench');
  const cold: RunFigures[] = [];
  const idem: RunFigures[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync('/tmp/bench-target', { recursive: true, force: true });
    cold.push(runOnce(join(bench, 'workload.yml'), inventory));
    idem.push(runOnce(join(bench, 'workload.yml'), inventory));
  }
  if (idem.some((r) => r.exitCode !== 0 || Object.values(r.stats).some((s) => s.changed !== 0)))
    throw new Error(`${prefix}: the second workload run failed or reported changes`);
  reportRuns(`${prefix}.workload_${HOSTS}h`, cold);
  const coldWall = median(cold.map((r) => r.wallS));
  reportRuns(`${prefix}.workload_${HOSTS}h_idem`, idem);
  reportRuns(
    `${prefix}.loop100_${HOSTS}h`,
    [0, 1, 2].map(() => runOnce(join(bench, 'loop100.yml'), inventory)),
  );
  rmSync('/tmp/bench-target', { recursive: true, force: true });
  return coldWall;
}

/**
 * The reference playbooks (../shared/bench, unchanged) on 10 hosts, median of 3, each run the whole `play`
 * command in a fresh process (start-up, loading and compiling included): `play.*` on 10 sshd ports on 127.0.0.1 (as the issue specifies), `play_local.*` on 10 local
 * connections for comparison.
 */
export async function benchPlay(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-bench-play-'));
  const servers: TestSshd[] = [await startSshd()];
  try {
    for (let i = 1; i < HOSTS; i++) servers.push(await startSshd({ clientKey: servers[0].clientKey }));
    const workload = benchSet('play', inventoryFile(dir, servers));
    const floor = floorSeconds(servers, join(dir, 'known_hosts'));
    report(`play.floor_${HOSTS}h_s`, floor, 's');
    reportRatio('workload_n10_vs_floor', `play.workload_${HOSTS}h_vs_floor`, workload / floor);
    benchSet('play_local', inventoryFile(dir, null));
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
