import { describe, expect, test } from 'vitest';
import { compare } from './compare.js';
import type { Outcome } from './execute.js';
import type { TargetRun } from './runme.js';
import type { Call } from './shims.js';

const recap = (ok: number) => [`h: ok=${ok} changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0`];
const outcome = (exitCode: number | null, output = '', timedOut = false): Outcome => ({
  exitCode,
  timedOut,
  recap: [],
  output,
  ms: 1,
});
const call = (exitCode: number, ok: number, output = ''): Call => ({
  ...outcome(exitCode, output),
  tool: 'ansible-playbook',
  args: ['site.yml'],
  recap: recap(ok),
});
const run = (calls: Call[], script?: Outcome): TargetRun => ({ calls, ...(script ? { script } : {}) });

describe('comparing a target’s runs', () => {
  test('the same calls and the same script exit are "same"', () => {
    const a = run([call(0, 1), call(2, 3)], outcome(0));
    expect(compare('t', 'runme', a, run([call(0, 1), call(2, 3)], outcome(0))).result).toBe('same');
  });

  test('the first call that differs is named with its command line: exit code before recap', () => {
    const a = run([call(0, 1), call(2, 3)], outcome(0));
    const b = run([call(0, 1), call(0, 2, 'fatal: [h]: FAILED! => boom')], outcome(0));
    expect(compare('t', 'runme', a, b)).toMatchObject({
      result: 'exit differs',
      reason: 'call 2 (ansible-playbook site.yml): exit 0 (Ansible 2): fatal: [h]: FAILED! => boom',
    });
    const c = run([call(0, 1), call(2, 4)], outcome(0));
    expect(compare('t', 'runme', a, c)).toMatchObject({ result: 'recap differs' });
    expect(compare('t', 'runme', a, c).reason).toContain('ok=4');
  });

  test('a call play’s script never made is reported with how the script ended', () => {
    const a = run([call(0, 1), call(0, 1)], outcome(0));
    const b = run([call(0, 1)], outcome(1, '+ ansible-playbook site.yml\n+ grep -q ok out.txt\n'));
    expect(compare('t', 'runme', a, b).reason).toBe(
      'call 2 (ansible-playbook site.yml): not run: exit 1 after `grep -q ok out.txt`',
    );
  });

  test('matching calls still differ when the script’s own exit code does, or when play makes more calls', () => {
    const a = run([call(0, 1)], outcome(0));
    expect(compare('t', 'runme', a, run([call(0, 1)], outcome(1, '+ test -f x\n')))).toMatchObject({
      result: 'exit differs',
      reason: 'runme.sh exit 1 after `test -f x` (Ansible 0)',
    });
    expect(compare('t', 'runme', a, run([call(0, 1), call(0, 1)], outcome(0))).reason).toMatch(
      /^2 calls \(Ansible 1\)/,
    );
  });

  test('a deadline passed under Ansible is "ansible timeout"; under play, "timeout"', () => {
    const a = run([call(0, 1)], outcome(0));
    expect(compare('t', 'runme', run([], outcome(null, '', true)), a).result).toBe('ansible timeout');
    expect(compare('t', 'runme', a, run([], outcome(null, '', true))).result).toBe('timeout');
  });

  test('a role target (no script) is its one playbook run', () => {
    expect(compare('t', 'role', run([call(2, 1)]), run([call(2, 1)])).result).toBe('same');
    expect(compare('t', 'role', run([call(2, 1)]), run([call(0, 1)])).reason).toMatch(
      /^exit 0 \(Ansible 2\)/,
    );
  });
});
