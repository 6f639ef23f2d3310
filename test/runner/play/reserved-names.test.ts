import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { reservedNameWarnings } from '../../../runner/play/reserved-names.js';
import { playIn } from '../cli/commands/tool-harness.js';

test('play and extra variables named like keywords or template globals are named in warnings, once each', () => {
  expect(reservedNameWarnings({ lipsum: 1, when: 2, app: 3, vars: {} }, { when: 4, range: 5 })).toEqual([
    'Found variable using reserved name: lipsum',
    'Found variable using reserved name: range',
    'Found variable using reserved name: when',
  ]);
});

test('play warns on stderr when a play starts with a variable using a reserved name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-reserved-'));
  try {
    writeFileSync(
      join(dir, 'site.yml'),
      '- hosts: localhost\n  gather_facts: false\n  vars:\n    lipsum: mine\n  tasks:\n    - debug:\n',
    );
    const run = await playIn(dir, ['site.yml', '-i', 'localhost,', '-c', 'local']);
    expect(run.stderr).toContain('[WARNING]: Found variable using reserved name: lipsum');
    expect(run.code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
