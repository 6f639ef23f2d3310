import type { Outcome } from './execute.js';

/** The verdict on one target: the figure docs/compat.md counts. */
export interface Verdict {
  readonly target: string;
  readonly kind: string;
  readonly result: 'same' | 'exit differs' | 'recap differs' | 'timeout' | 'unsupported' | 'ansible timeout';
  readonly reason: string;
}

/** Compares the runs of a target, invocation by invocation (exit code, then recap). */
export function compare(
  target: string,
  kind: string,
  ansible: readonly Outcome[],
  play: readonly Outcome[],
): Verdict {
  for (let i = 0; i < ansible.length; i++) {
    const a = ansible[i];
    const p = play[i];
    const where = ansible.length > 1 ? `run ${i + 1}: ` : '';
    if (a.timedOut)
      return { target, kind, result: 'ansible timeout', reason: `${where}ansible-playbook timed out` };
    if (!p)
      return { target, kind, result: 'exit differs', reason: `${where}not run (an earlier run differed)` };
    if (p.timedOut) return { target, kind, result: 'timeout', reason: `${where}${firstError(p.output)}` };
    if (a.exitCode !== p.exitCode) {
      return {
        target,
        kind,
        result: 'exit differs',
        reason: `${where}exit ${p.exitCode} (Ansible ${a.exitCode}): ${firstError(p.output)}`,
      };
    }
    if (a.recap.join('\n') !== p.recap.join('\n')) {
      return { target, kind, result: 'recap differs', reason: `${where}${recapDiff(a.recap, p.recap)}` };
    }
  }
  return { target, kind, result: 'same', reason: '' };
}

function recapDiff(ansible: readonly string[], play: readonly string[]): string {
  for (let i = 0; i < Math.max(ansible.length, play.length); i++) {
    if (ansible[i] !== play[i]) return `recap \`${play[i] ?? '—'}\` (Ansible \`${ansible[i] ?? '—'}\`)`;
  }
  return 'recap differs';
}

/** The first line of a run's output that says what went wrong, shortened for a table cell. */
export function firstError(output: string): string {
  const lines = output.split('\n').filter((l) => !l.startsWith('[WARNING]') && !l.startsWith('[DEPRECATION'));
  const line =
    lines.find((l, i) => /^(ERROR!|fatal: |failed: )/.test(l) && !lines[i + 1]?.startsWith('...ignoring')) ??
    lines.find((l) => /:\d+:\d+ .*:/.test(l)) ??
    lines.find((l) => /error|unreachable/i.test(l)) ??
    '';
  const clean = line.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean;
}
