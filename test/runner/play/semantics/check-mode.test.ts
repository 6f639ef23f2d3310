import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  check_mode: true
  tasks:
    - name: play-level check mode
      command: touch WORK/from-play
    - name: block override
      block:
        - name: inside a block that turns check mode off
          command: touch WORK/from-block
      check_mode: false
    - name: templated task override
      command: touch WORK/from-task
      check_mode: "{{ 1 == 2 }}"
    - name: handler trigger
      debug: msg=x
      changed_when: true
      notify: touch in handler
  handlers:
    - name: touch in handler
      command: touch WORK/from-handler
`;

describe('check_mode set on a play, block or task', () => {
  test('a play with check_mode: true runs nothing for real, and a block or task saying false does', async () => {
    const run = await runFiles({ 'site.yml': PLAYBOOK }, { keep: true });
    try {
      expect(run.exitCode).toBe(0);
      expect(existsSync(join(run.dir, 'from-play'))).toBe(false);
      expect(existsSync(join(run.dir, 'from-handler'))).toBe(false);
      expect(existsSync(join(run.dir, 'from-block'))).toBe(true);
      expect(existsSync(join(run.dir, 'from-task'))).toBe(true);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });

  test('check_mode: false on a task runs it for real under --check', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - command: touch WORK/real\n      check_mode: no\n    - command: touch WORK/dry\n`,
      },
      { check: true, keep: true },
    );
    try {
      expect(existsSync(join(run.dir, 'real'))).toBe(true);
      expect(existsSync(join(run.dir, 'dry'))).toBe(false);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
