import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-native-fallback-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a built-in task with an option its native module lacks runs Ansible's module", () => {
  test('file with a time format runs ansible.builtin.file through Python on the host, and -v says so; register keeps no invocation', async () => {
    const stamped = join(scratch, 'stamped');
    const plain = join(scratch, 'plain');
    const playbook = join(scratch, 'file.yml');
    writeFileSync(
      playbook,
      [
        '- hosts: web1',
        '  gather_facts: false',
        '  tasks:',
        '    - name: touch with a day-only modification time',
        '      file:',
        `        path: ${stamped}`,
        '        state: touch',
        '        modification_time: "2020-02-03"',
        '        modification_time_format: "%Y-%m-%d"',
        '      register: touched',
        '    - name: a plain touch stays native',
        `      file: path=${plain} state=touch`,
        '    - assert:',
        '        that: touched is changed and touched.invocation is not defined',
        '',
      ].join('\n'),
    );
    const out = await play(['-i', 'hosts.ini', '--reporter', 'plain', '-v', playbook]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("module: ansible.builtin.file (Ansible's module, through Python)");
    expect(out.stdout).toContain('module: file (native)');
    const mtime = statSync(stamped).mtime;
    expect([mtime.getFullYear(), mtime.getMonth() + 1, mtime.getDate()]).toEqual([2020, 2, 3]);
    expect(statSync(plain).isFile()).toBe(true);
  });
});
