import { basename } from 'node:path';
import { median } from '../report.js';
import type { Series } from './matrix.js';
import type { StartupFigures } from './startup.js';

/** One goal of issue 15: a figure from this run, the bound it must stay within, and how it was computed. */
export interface Goal {
  name: string;
  value: number | null;
  bound: number;
  unit: string;
  how: string;
}

/** Dependent task steps of workload.yml: the "floor + 17 round trips" for one host at a distance. */
const WORKLOAD_STEPS = 17;

function find(
  series: Series[],
  playbook: string,
  runner: string,
  hosts: number,
  delayMs: number,
): Series | undefined {
  return series.find(
    (s) =>
      (playbook === '-' ? s.playbook === '-' : basename(s.playbook) === playbook) &&
      s.runner === runner &&
      s.cell.hosts === hosts &&
      s.cell.delayMs === delayMs &&
      s.problems.length === 0 &&
      s.cold.length > 0,
  );
}

const wall = (s: Series | undefined) => (s ? median(s.cold.map((m) => m.wallS)) : null);
const cpu = (s: Series | undefined) => (s ? median(s.cold.map((m) => m.cpuS)) : null);

/** Task results per host in a run's recap (ok counts changed ones too). */
function tasksPerHost(s: Series): number {
  const first = Object.values(s.cold[0].recap)[0];
  return first ? first.ok + first.skipped + first.failed : 1;
}

/** The five goals, each a ratio or figure from this same run (null when its cell was not measured). */
export function computeGoals(series: Series[], startup: StartupFigures | null): Goal[] {
  const play10 = find(series, 'workload.yml', 'play', 10, 0);
  const floor10 = find(series, '-', 'floor', 10, 0);
  const play1far = find(series, 'workload.yml', 'play', 1, 20);
  const floor1far = find(series, '-', 'floor', 1, 20);
  const play1 = find(series, 'workload.yml', 'play', 1, 0);
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null ? a / b : null);
  const perTask =
    play10 && play1
      ? ((cpu(play10)! - cpu(play1)!) / (9 * tasksPerHost(play10))) * 1000
      : play10
        ? (cpu(play10)! / (10 * tasksPerHost(play10))) * 1000
        : null;
  return [
    {
      name: 'workload_n10_vs_floor',
      value: ratio(wall(play10), wall(floor10)),
      bound: 1.3,
      unit: '×',
      how: 'workload.yml on 10 hosts, cold, against 10 parallel OpenSSH logins running `node -e 0`',
    },
    {
      name: 'workload_n1_d20_vs_bound',
      value: ratio(
        wall(play1far),
        wall(floor1far) === null ? null : wall(floor1far)! + WORKLOAD_STEPS * 0.02,
      ),
      bound: 1.2,
      unit: '×',
      how: `workload.yml on 1 host at 20 ms round trip, cold, against its floor + ${WORKLOAD_STEPS} round trips`,
    },
    {
      name: 'cpu_per_task_host_ms',
      value: perTask,
      bound: 0.5,
      unit: 'ms',
      how: 'controller CPU of workload.yml on 10 hosts minus on 1 host, per task result and added host',
    },
    {
      name: 'version_vs_node',
      value: startup?.ratio ?? null,
      bound: 1.5,
      unit: '×',
      how: '`play --version` against `node -e 0`, medians of paired runs',
    },
    {
      name: 'single_host_cpu_s',
      value: cpu(play1),
      bound: 0.3,
      unit: 's',
      how: 'controller CPU (user + system, whole process) of workload.yml on 1 host, cold',
    },
  ];
}
