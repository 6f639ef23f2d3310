import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../runner/core/package-root.js';
import { median, report } from './report.js';

interface RunFigures {
  wallS: number;
  cpuS: number;
  peakRssMiB: number;
  exitCode: number;
  stats: Record<string, { changed: number }>;
}

const HOSTS = 10;

function runOnce(playbook: string): RunFigures {
  const script = join(packageRoot(), 'dist', 'test', 'bench', 'play-run.js');
  const child = spawnSync(process.execPath, [script, playbook, String(HOSTS)], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) throw new Error(`benchmark run of ${playbook} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as RunFigures;
}

function reportRuns(name: string, runs: RunFigures[]): void {
  report(`${name}_s`, median(runs.map((r) => r.wallS)), 's');
  report(`${name}_cpu_s`, median(runs.map((r) => r.cpuS)), 's');
  report(`${name}_peak_rss_MiB`, Math.max(...runs.map((r) => r.peakRssMiB)), 'MiB');
}

/**
 * The reference playbooks (../shared/bench, unchanged) on 10 hosts, median of 3, each run a fresh controller
 * process. Hosts use the local connection until the SSH transport lands, so the names say `10local`.
 */
export async function benchPlay(): Promise<void> {
  const bench = join(packageRoot(), '..', 'shared', 'bench');
  const cold: RunFigures[] = [];
  const idem: RunFigures[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync('/tmp/bench-target', { recursive: true, force: true });
    cold.push(runOnce(join(bench, 'workload.yml')));
    idem.push(runOnce(join(bench, 'workload.yml')));
  }
  if (idem.some((r) => Object.values(r.stats).some((s) => s.changed !== 0))) throw new Error('the second workload run reported changes');
  reportRuns('play.workload_10local', cold);
  reportRuns('play.workload_10local_idem', idem);
  const loops = [0, 1, 2].map(() => runOnce(join(bench, 'loop100.yml')));
  reportRuns('play.loop100_10local', loops);
  rmSync('/tmp/bench-target', { recursive: true, force: true });
}
