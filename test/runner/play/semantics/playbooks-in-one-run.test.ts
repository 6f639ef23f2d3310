import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-two-playbooks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('several playbooks in one command', () => {
  test('facts and the recap counts of the first playbook carry into the second, as in Ansible', async () => {
    writeFileSync(
      join(scratch, 'first.yml'),
      '- hosts: web1\n  gather_facts: false\n  tasks:\n    - set_fact: {carried: from-first}\n',
    );
    writeFileSync(
      join(scratch, 'second.yml'),
      '- hosts: web1\n  gather_facts: false\n  tasks:\n    - debug: msg="seen {{ carried }}"\n',
    );
    const out = await play([
      '-i',
      'hosts.ini',
      '--reporter',
      'plain',
      join(scratch, 'first.yml'),
      join(scratch, 'second.yml'),
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('seen from-first');
    expect(out.stdout).toMatch(/web1\s+: ok=2 /);
  });
});
