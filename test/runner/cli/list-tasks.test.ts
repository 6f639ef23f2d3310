import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, play } from './cli-harness.js';

// The expected files were printed by ansible-playbook 2.14 (`ansible-playbook -i list-tasks/hosts
// list-tasks/NAME.yml --list-tasks`, run in the fixtures folder) and committed: this test needs no Ansible.
describe('play --list-tasks', () => {
  for (const name of ['pb', 'tags'])
    it(`prints list-tasks/${name}.yml byte for byte as ansible-playbook 2.14 does`, async () => {
      const run = await play(['-i', 'list-tasks/hosts', '--list-tasks', `list-tasks/${name}.yml`]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(readFileSync(join(FIXTURES, 'list-tasks', `${name}.expected.txt`), 'utf8'));
    });
});
