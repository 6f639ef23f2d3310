import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-role-tags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tags of a roles: entry', () => {
  test('--tags selects the tasks of a role whose entry has the tag, and --skip-tags leaves them out', async () => {
    mkdirSync(join(scratch, 'roles/tagged/tasks'), { recursive: true });
    writeFileSync(join(scratch, 'roles/tagged/tasks/main.yml'), '- debug: msg=role-task-ran\n');
    writeFileSync(
      join(scratch, 'site.yml'),
      '- hosts: web1\n  gather_facts: false\n  roles:\n    - { role: tagged, tags: [picked] }\n',
    );
    const run = (...flags: string[]) =>
      play(['-i', 'hosts.ini', '--reporter', 'plain', ...flags, join(scratch, 'site.yml')]);
    expect((await run('--tags', 'picked')).stdout).toContain('role-task-ran');
    expect((await run('--skip-tags', 'picked')).stdout).not.toContain('role-task-ran');
  });
});
