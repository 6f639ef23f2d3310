import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { playIn } from '../../cli/commands/tool-harness.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-failed-hosts-'));
  writeFileSync(join(dir, 'hosts.ini'), 'web1 ansible_connection=local\nweb2 ansible_connection=local\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recapOf = (stdout: string) =>
  stdout
    .slice(stdout.indexOf('PLAY RECAP'))
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.replace(/\s+/g, ' ').trim());

test('a host that failed in a play runs nothing in later plays, not even fact gathering', async () => {
  writeFileSync(
    join(dir, 'later.yml'),
    `- hosts: all
  gather_facts: false
  tasks:
    - fail: msg=boom
      when: inventory_hostname == 'web1'
- hosts: web1
  tasks:
    - debug: msg=second
- hosts: all
  tasks:
    - debug: msg=third
`,
  );
  const run = await playIn(dir, ['later.yml', '-i', 'hosts.ini']);
  expect(recapOf(run.stdout)).toEqual([
    'web1 : ok=0 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0',
    'web2 : ok=2 changed=0 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0',
  ]);
  expect(run.code).toBe(2);
});

test('no later play runs once every host of a play failed, or any_errors_fatal ended it', async () => {
  for (const [name, first] of [
    ['all-failed.yml', '- hosts: all\n  gather_facts: false\n  tasks:\n    - fail: msg=boom\n'],
    [
      'fatal.yml',
      "- hosts: all\n  gather_facts: false\n  any_errors_fatal: true\n  tasks:\n    - fail: msg=boom\n      when: inventory_hostname == 'web1'\n    - debug: msg=never\n",
    ],
  ]) {
    writeFileSync(
      join(dir, name),
      `${first}- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=next\n`,
    );
    const run = await playIn(dir, [name, '-i', 'hosts.ini']);
    expect(run.stdout).not.toContain('"msg": "next"');
    expect(run.stdout).not.toContain('"msg": "never"');
    expect(run.code).toBe(2);
  }
});
