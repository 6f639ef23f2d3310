import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { playTasks } from './play-support.js';
import { snapshot } from './support.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tasks = `- name: Readable below, execute only where it belongs
  file: { path: "{{ work }}/tree", recurse: true, mode: "u=rwX,g=rX,o=rX" }
- file: { path: "{{ work }}/ln", src: "{{ work }}/made/here", state: link, force: true }
- name: A directory through a dangling link
  file: { path: "{{ work }}/ln", state: directory }
- name: Validated and checksummed copy
  copy:
    dest: "{{ work }}/checked.conf"
    content: "key=value\\n"
    validate: grep -q key= %s
    checksum: d3eaf6cfb1e8de55432c15ddc3abcaba7944f0d2
    unsafe_writes: true
- name: A rejected template leaves nothing behind
  template: { src: t.j2, dest: "{{ work }}/rejected.conf", validate: "grep -q never %s" }
  register: rejected
  ignore_errors: true
- copy: { dest: "{{ work }}/settings.ini", content: "key=value\\n", force: false }
- lineinfile: { path: "{{ work }}/settings.ini", regex: "^key=", value: "key=other" }
- copy: { dest: "{{ work }}/app.ini", content: "[a]\\nx=1\\n[b]\\nx=2\\n", force: false }
- replace: { path: "{{ work }}/app.ini", regexp: "^x=.*$", replace: "x=9", after: "\\\\[b\\\\]", before: "$" }
- command: echo "a b"
  register: out
  changed_when: false
- assert:
    that:
      - out.cmd == ['echo', 'a b']
      - rejected is failed
      - rejected.msg is search('failed to validate')
`;

describe('file-family arguments from Ansible playbooks, end to end', () => {
  test('recurse, dangling links, validate, checksum, aliases, sections and cmd work; a second run changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-mod2-play-'));
    writeFileSync(join(dir, 't.j2'), 'port={{ 80 }}\n');
    mkdirSync(join(dir, 'tree', 'sub'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'tree', 'sub', 'data'), 'x\n', { mode: 0o600 });
    writeFileSync(join(dir, 'tree', 'tool'), 'x\n', { mode: 0o700 });
    const first = await playTasks(dir, tasks);
    expect(first.exitCode).toBe(0);
    expect(statSync(join(dir, 'tree', 'sub')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'tree', 'sub', 'data')).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, 'tree', 'tool')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'made', 'here')).isDirectory()).toBe(true);
    expect(readFileSync(join(dir, 'checked.conf'), 'utf8')).toBe('key=value\n');
    expect(readFileSync(join(dir, 'settings.ini'), 'utf8')).toBe('key=other\n');
    expect(readFileSync(join(dir, 'app.ini'), 'utf8')).toBe('[a]\nx=1\n[b]\nx=9\n');
    expect(existsSync(join(dir, 'rejected.conf'))).toBe(false);
    const second = await playTasks(dir, tasks);
    expect(second.exitCode).toBe(0);
    expect(second.stats.changed).toBe(0);
    const before = snapshot(dir);
    const checked = await playTasks(dir, tasks, { check: true });
    // Check mode does not run `validate` (nor does Ansible), so only the rejected template would change.
    const changed = checked.results.filter((r) => r.status === 'changed').map((r) => r.task);
    expect(changed).toEqual(['A rejected template leaves nothing behind']);
    expect(snapshot(dir)).toEqual(before);
  });
});
