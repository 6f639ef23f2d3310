import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-native-fallback-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a built-in task with an option its native module lacks runs Ansible's module", () => {
  test('replace with `mode` runs ansible.builtin.replace through Python on the host, and -v says so', async () => {
    const file = join(scratch, 'motd');
    writeFileSync(file, 'hello world\n', { mode: 0o644 });
    const playbook = join(scratch, 'replace.yml');
    writeFileSync(
      playbook,
      [
        '- hosts: web1',
        '  gather_facts: false',
        '  tasks:',
        '    - name: replace and set the mode',
        '      replace:',
        `        path: ${file}`,
        '        regexp: world',
        '        replace: there',
        "        mode: '0600'",
        '      register: replaced',
        '    - name: plain replace stays native',
        '      replace:',
        `        path: ${file}`,
        '        regexp: there',
        '        replace: again',
        '    - assert:',
        '        that: replaced.invocation.module_args.mode == "0600"',
        '',
      ].join('\n'),
    );
    const out = await play(['-i', 'hosts.ini', '--reporter', 'plain', '-v', playbook]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("module: ansible.builtin.replace (Ansible's module, through Python)");
    expect(out.stdout).toContain('module: replace (native)');
    expect(readFileSync(file, 'utf8')).toBe('hello again\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
