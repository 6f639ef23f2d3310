import { basename } from 'node:path';
import { median } from '../report.js';
import type { Goal } from './goals.js';
import type { Series } from './matrix.js';
import type { Environment } from './peers.js';

const RUNNER_TITLES: Record<string, string> = {
  floor: 'floor (OpenSSH + `node -e 0`)',
  play: 'Spindle `play`',
  ansible: 'ansible-playbook',
  ansible_pipelining: 'ansible-playbook, pipelining',
  mitogen: 'Ansible + Mitogen',
};

function cellText(s: Series | undefined, phase: 'cold' | 'second', unavailable: boolean): string {
  if (unavailable) return 'not installed';
  if (!s) return '—';
  if (s.problems.length > 0) return `**${s.problems[0]}**`;
  const runs = phase === 'cold' ? s.cold : s.second;
  if (runs.length === 0) return '—';
  const w = median(runs.map((m) => m.wallS)).toFixed(2);
  const c = median(runs.map((m) => m.cpuS)).toFixed(2);
  const r = Math.round(Math.max(...runs.map((m) => m.peakRssMiB)));
  return `${w} s · ${c} s CPU · ${r} MiB`;
}

/** What the table needs beyond the measurements. */
export interface TableInput {
  series: Series[];
  goals: Goal[];
  environment: Environment;
  runners: string[];
  unavailable: Set<string>;
  reps: number;
  command: string;
  date: string;
  ratiosComment: string;
  /** What the person running it wants the reader to know about this run (`--note`). */
  note: string;
}

/** docs/benchmarks.md: the table, the goals, the versions, the machine and how to reproduce. */
export function renderBenchmarksDoc(input: TableInput): string {
  const { series, environment: env } = input;
  const cells = [...new Map(series.map((s) => [`${s.cell.hosts}/${s.cell.delayMs}`, s.cell])).values()];
  const playbooks = [...new Set(series.filter((s) => s.playbook !== '-').map((s) => s.playbook))];
  const lines: string[] = [
    '# Benchmarks: Spindle next to its peers and the floor',
    '',
    `Measured ${input.date} by \`${input.command}\` (median of ${input.reps}; each cell: wall time · controller CPU · peak RSS of the largest controller process).`,
    'Every runner ran the same unchanged playbook from `../shared/bench/` on the same hosts, interleaved (A B C A B C …),',
    'and every recap was checked: same ok/changed/failed/unreachable counts as Spindle, changed=0 on the second',
    'workload run. A runner that failed, timed out or counted differently shows why in bold instead of a time.',
    '',
    `- Machine: ${env.machine}; Node ${env.node}; ${env.openssh}`,
    `- Spindle ${env.spindle}; ${env.ansible ?? 'ansible-core not installed'}; ansible-mitogen ${env.mitogen ?? 'not installed'}`,
    '- Hosts: one port each on 127.0.0.1, one sshd per 16 ports (root login, generated ed25519 keys, strict known_hosts);',
    '  the delay is a TCP relay in the harness that adds the round trip (half each way) to every connection.',
    '- Every runner got `-f N` (forks = hosts); Ansible runs with a fresh ControlPath folder per run (cold logins).',
    '',
    ...(input.note ? [`**Note on this run:** ${input.note}`, ''] : []),
    '## Goals',
    '',
    '| goal | this run | bound | met | how |',
    '|---|---|---|---|---|',
    ...input.goals.map(
      (g) =>
        `| ${g.name} | ${g.value === null ? 'not measured' : `${g.value.toFixed(2)} ${g.unit}`} | ≤ ${g.bound} ${g.unit} | ${g.value === null ? '—' : g.value <= g.bound ? 'yes' : 'no'} | ${g.how} |`,
    ),
    '',
  ];
  for (const playbook of playbooks) {
    lines.push(`## ${basename(playbook)}`, '');
    lines.push(`| hosts | delay | run | ${input.runners.map((r) => RUNNER_TITLES[r] ?? r).join(' | ')} |`);
    lines.push(`|---|---|---|${input.runners.map(() => '---').join('|')}|`);
    for (const cell of cells) {
      for (const phase of ['cold', 'second'] as const) {
        const row = input.runners.map((runner) => {
          const s = series.find(
            (x) =>
              x.runner === runner &&
              x.cell === cell &&
              (runner === 'floor' ? x.playbook === '-' : x.playbook === playbook),
          );
          if (runner === 'floor' && phase === 'second') return cellText(s, 'cold', false);
          return cellText(s, phase, input.unavailable.has(runner));
        });
        lines.push(`| ${cell.hosts} | ${cell.delayMs} ms | ${phase} | ${row.join(' | ')} |`);
      }
    }
    lines.push('');
  }
  lines.push(
    '## Reproduce',
    '',
    '```sh',
    'npm run bench:compare                                 # the full matrix: N ∈ {1, 10, 50}, D ∈ {0, 20} ms',
    'npm run bench:compare -- --hosts 1,10 --delay 0,20 --reps 3 --playbooks workload,loop100',
    'npm run bench:compare -- --runners play,mitogen --timeout 600   # a subset; --no-write keeps this page',
    '```',
    '',
    'It starts its own sshd servers on loopback, installs `ansible-core` and `ansible-mitogen` from Debian when they',
    'are missing (as root), and rewrites this page. `npm run bench` compares its own ratios with the ones recorded',
    'below and calls out any that grew by more than 20 %.',
    '',
    input.ratiosComment,
    '',
  );
  return lines.join('\n');
}
