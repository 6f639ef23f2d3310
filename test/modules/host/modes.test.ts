import { describe, expect, test } from 'vitest';
import { modeSchema, resolveMode } from '../../../modules/host/modes.js';

describe('symbolic modes', () => {
  test('apply several operators in one clause in turn, as chmod and Ansible do', () => {
    expect(resolveMode('u+rwX-x,g-wx,o-wx,g+r,o+r', 0o755, false)).toBe(0o644);
    expect(resolveMode('u+rwX-x,g-wx,o-wx,g+r,o+r', 0o755, true)).toBe(0o644);
    expect(resolveMode('u=rwX,g=rX,o=rX', 0o600, true)).toBe(0o755);
  });

  test('copy the permissions another class had before the task', () => {
    expect(resolveMode('g=u,o=g', 0o640, false)).toBe(0o664);
    expect(resolveMode('go-u', 0o777, false)).toBe(0o700);
  });

  test('are accepted by the argument schema, with octal text in every spelling, and nonsense is not', () => {
    for (const mode of ['u+rwX-x,g-wx', 'g=u', 'a=r', '0644', '644', '0o644', 'preserve'])
      expect(modeSchema.safeParse(mode).success).toBe(true);
    for (const mode of ['rw-r--r--', 'u+q', '0899', ''])
      expect(modeSchema.safeParse(mode).success).toBe(false);
    expect(resolveMode('0o640', 0, false)).toBe(0o640);
  });
});
