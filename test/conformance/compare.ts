import type { Outcome } from './execute.js';
import type { TargetRun } from './runme.js';
import type { Call } from './shims.js';

/** The verdict on one target: the figure docs/compat.md counts. */
export interface Verdict {
  readonly target: string;
  readonly kind: string;
  readonly result: 'same' | 'exit differs' | 'recap differs' | 'timeout' | 'unsupported' | 'ansible timeout';
  readonly reason: string;
}

/**
 * Compares how a target ended under both tools: call by call (the tool called, its exit code, then its recap),
 * then the number of calls, then the exit code of the runme.sh itself.
 */
export function compare(target: string, kind: string, ansible: TargetRun, play: TargetRun): Verdict {
  const verdict = (result: Verdict['result'], reason: string): Verdict => ({ target, kind, result, reason });
  if (ansible.script?.timedOut) return verdict('ansible timeout', 'runme.sh timed out under Ansible');
  const several = ansible.calls.length > 1 || play.calls.length > 1;
  for (let i = 0; i < ansible.calls.length; i++) {
    const a = ansible.calls[i];
    const p = play.calls[i];
    const where = several ? `call ${i + 1} (${describe(a)}): ` : '';
    if (a.timedOut) return verdict('ansible timeout', `${where}${a.tool} timed out`);
    if (!p) {
      if (play.script?.timedOut) return verdict('timeout', `${where}not reached: runme.sh timed out`);
      return verdict('exit differs', `${where}not run: ${scriptEnd(play.script)}`);
    }
    if (p.tool !== a.tool)
      return verdict('exit differs', `${where}play's script called ${describe(p)} instead`);
    if (p.timedOut) return verdict('timeout', `${where}${firstError(p.output)}`);
    if (a.exitCode !== p.exitCode) {
      return verdict(
        'exit differs',
        `${where}exit ${p.exitCode} (Ansible ${a.exitCode}): ${firstError(p.output)}`,
      );
    }
    if (a.recap.join('\n') !== p.recap.join('\n'))
      return verdict('recap differs', `${where}${recapDiff(a.recap, p.recap)}`);
  }
  if (play.calls.length > ansible.calls.length) {
    const extra = play.calls[ansible.calls.length];
    return verdict(
      'exit differs',
      `${play.calls.length} calls (Ansible ${ansible.calls.length}): call ${ansible.calls.length + 1} (${describe(extra)})`,
    );
  }
  if (ansible.script && play.script) {
    if (play.script.timedOut) return verdict('timeout', 'runme.sh timed out after its last call');
    if (play.script.exitCode !== ansible.script.exitCode) {
      return verdict(
        'exit differs',
        `runme.sh ${scriptEnd(play.script)} (Ansible ${ansible.script.exitCode})`,
      );
    }
  }
  return verdict('same', '');
}

/** A call as a short command line for a table cell. */
function describe(call: Call): string {
  const line = [
    call.tool,
    ...call.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))),
  ].join(' ');
  return line.length > 70 ? `${line.slice(0, 67)}…` : line;
}

/** How a script ended: its exit code and the last command its `set -x` trace shows. */
function scriptEnd(script: Outcome | undefined): string {
  if (!script) return 'no script';
  const traced = script.output
    .split('\n')
    .filter((l) => /^\++ /.test(l))
    .pop();
  const last = traced ? ` after \`${clip(traced.replace(/^\++ /, ''), 100)}\`` : '';
  return `exit ${script.exitCode}${last}`;
}

function clip(text: string, length: number): string {
  const clean = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return clean.length > length ? `${clean.slice(0, length - 1)}…` : clean;
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
  return clip(line, 160);
}
