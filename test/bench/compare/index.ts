// `npm run bench:compare`: Spindle, ansible-playbook (with and without pipelining), Ansible+Mitogen and the floor on
// the same loopback sshd hosts, interleaved, recaps checked; prints JSON lines and rewrites docs/benchmarks.md.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../../runner/core/package-root.js';
import { median, report } from '../report.js';
import { baselineComment, findRegressions, readBaseline, reportRegressions } from './baseline.js';
import { startSshFarm } from './farm.js';
import { computeGoals } from './goals.js';
import { type Cell, runMatrix } from './matrix.js';
import { describeEnvironment, ensurePeers, peerAvailable } from './peers.js';
import { floorRunner, peerRunners, playRunner, type Runner } from './runners.js';
import { measureStartup } from './startup.js';
import { renderBenchmarksDoc } from './table.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '1,10,50' },
    delay: { type: 'string', default: '0,20' },
    reps: { type: 'string', default: '3' },
    playbooks: { type: 'string', default: 'workload,loop100' },
    runners: { type: 'string', default: 'floor,play,ansible,ansible_pipelining,mitogen' },
    timeout: { type: 'string', default: '900' },
    'max-hosts': { type: 'string', default: '' },
    'no-write': { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
});

/** The command line as the page shows it: the `--note` text is printed below it, not inside it. */
function shownArgs(args: string[]): string[] {
  const i = args.findIndex((a) => a === '--note' || a.startsWith('--note='));
  if (i < 0) return args;
  return [...args.slice(0, i), '--note …', ...args.slice(i + (args[i] === '--note' ? 2 : 1))];
}

const numbers = (text: string) => text.split(',').map((x) => Number(x.trim()));
const log = (line: string) => process.stderr.write(`${line}\n`);
const root = packageRoot();
const docPath = join(root, 'docs', 'benchmarks.md');
const allRunners: Runner[] = [floorRunner, playRunner, ...peerRunners];
const wanted = values.runners.split(',');
ensurePeers(log);
const unavailable = new Set(wanted.filter((name) => !peerAvailable(name)));
const runners = allRunners.filter((r) => wanted.includes(r.name) && !unavailable.has(r.name));
const cells: Cell[] = numbers(values.hosts).flatMap((hosts) =>
  numbers(values.delay).map((delayMs) => ({ hosts, delayMs })),
);
const playbooks = values.playbooks
  .split(',')
  .map((name) => join(root, '..', 'shared', 'bench', `${name}.yml`));
const reps = Number(values.reps);
// `--max-hosts ansible=10,ansible_pipelining=10`: slow peers skip the bigger cells (shown as such in the table).
const maxHosts = Object.fromEntries(
  values['max-hosts']
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string])
    .map(([name, n]) => [name, Number(n)]),
);

const farm = await startSshFarm(Math.max(...cells.map((c) => c.hosts)));
let series: Awaited<ReturnType<typeof runMatrix>>;
try {
  series = await runMatrix(farm, {
    cells,
    playbooks,
    runners,
    reps,
    timeoutMs: Number(values.timeout) * 1000,
    maxHosts,
    log,
  });
} finally {
  await farm.stop();
}
const startup = measureStartup();
report('compare.startup.play_version_s', startup.playVersionS, 's');
report('compare.startup.node_s', startup.nodeS, 's');

for (const s of series) {
  const pb = s.playbook === '-' ? 'floor' : s.playbook.replace(/^.*\/|\.yml$/g, '');
  for (const [phase, runs] of [
    ['cold', s.cold],
    ['second', s.second],
  ] as const) {
    if (runs.length === 0 || s.problems.length > 0) continue;
    const name = `compare.${pb}.n${s.cell.hosts}_d${s.cell.delayMs}.${s.runner}.${phase}`;
    report(`${name}_s`, median(runs.map((m) => m.wallS)), 's');
    report(`${name}_cpu_s`, median(runs.map((m) => m.cpuS)), 's');
    report(`${name}_peak_rss_MiB`, Math.max(...runs.map((m) => m.peakRssMiB)), 'MiB');
  }
  for (const problem of s.problems)
    log(`${s.runner} n=${s.cell.hosts} d=${s.cell.delayMs} ${s.playbook}: ${problem}`);
}
const goals = computeGoals(series, startup);
const ratios: Record<string, number> = {};
for (const goal of goals) {
  if (goal.value === null) continue;
  ratios[goal.name] = Math.round(goal.value * 1000) / 1000;
  report(`compare.goal.${goal.name}`, goal.value, goal.unit === '×' ? 'ratio' : goal.unit);
}
const previous = readBaseline(docPath);
reportRegressions(findRegressions(ratios, previous));
if (!values['no-write']) {
  writeFileSync(
    docPath,
    renderBenchmarksDoc({
      series,
      goals,
      environment: describeEnvironment(root),
      runners: wanted,
      unavailable,
      reps,
      command: `npm run bench:compare -- ${shownArgs(process.argv.slice(2)).join(' ')}`.trim(),
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      ratiosComment: baselineComment({ ...previous, ...ratios }),
      note: values.note,
    }),
  );
  log(`wrote ${docPath}`);
}
process.exit(0);
