import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent, RunEventOf } from '../../../runner/report/events.js';

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

const PLAYBOOK = `- hosts: all
  gather_facts: false
  vars:
    users:
      - { name: al, keys: [k1, k2] }
      - { name: bo }
    pairs: { a: 1, b: 2 }
  roles: [web]
  tasks:
    - name: sequence
      file: path="{{ work }}/out/{{ item }}" state=touch
      with_sequence: start=1 end=5 stride=2 format=web%02d
    - name: fileglob
      debug: msg="{{ item | basename }}"
      with_fileglob: "*.conf"
    - name: items
      debug: msg="{{ item }}"
      with_items: [[1, 2], 3]
    - name: list
      debug: msg="{{ item }}"
      with_list: [[1, 2], 3]
    - name: dict
      debug: msg="{{ item.key }}={{ item.value }}"
      with_dict: "{{ pairs }}"
    - name: together
      debug: msg="{{ item.0 }}-{{ item.1 }}"
      with_together: [[a, b], [1, 2]]
    - name: nested
      debug: msg="{{ item.0 }}{{ item.1 }}"
      with_nested: [[x, z], [1, 2]]
    - name: subelements
      debug: msg="{{ item.0.name }}:{{ item.1 }}"
      with_subelements: [ "{{ users }}", keys, { skip_missing: true } ]
    - name: first_found
      debug: msg="{{ item | basename }}"
      with_first_found: [missing.conf, b.conf]
    - name: lines
      debug: msg="{{ item }}"
      with_lines: printf 'one\\ntwo\\n'
    - name: indexed_items
      debug: msg="{{ item.0 }}:{{ item.1 }}"
      with_indexed_items: [a, b]
    - name: include
      include_tasks: inc.yml
      with_sequence: count=2
    - name: password
      copy: content="{{ lookup('password', work + '/secret length=16 chars=ascii_letters') }}" dest="{{ work }}/pw.txt"
`;

async function run(): Promise<{ exitCode: number; results: Array<RunEventOf<'task:result'>> }> {
  const inventoryBuilder = new InventoryBuilder();
  inventoryBuilder.addHost('localhost', 'ungrouped', { ansible_connection: 'local' });
  const inventory = inventoryBuilder.build();
  const { graph, issues } = compilePlaybook(join(work, 'site.yml'), { inventory });
  expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work },
    check: false,
    diff: false,
    verbosity: 0,
    emit: (e) => events.push(e),
  });
  const results = events.filter((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
  return { exitCode: outcome.exitCode, results };
}

/** The `msg` of each loop item of task `name`, in item order. */
function messages(results: Array<RunEventOf<'task:result'>>, name: string): unknown[] {
  return results
    .filter((r) => r.task === name && r.item)
    .sort((a, b) => (a.item?.index ?? 0) - (b.item?.index ?? 0))
    .map((r) => r.result.msg);
}

describe('with_<lookup> loops in a real run', () => {
  test('every loop keyword loops over its lookup, role lookups search the role first, passwords persist', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-loops-'));
    mkdirSync(join(work, 'files'));
    mkdirSync(join(work, 'out'));
    writeFileSync(join(work, 'files', 'a.conf'), '');
    writeFileSync(join(work, 'files', 'b.conf'), '');
    mkdirSync(join(work, 'roles', 'web', 'tasks'), { recursive: true });
    mkdirSync(join(work, 'roles', 'web', 'files'));
    writeFileSync(join(work, 'roles', 'web', 'files', 'note.txt'), 'from the role\n');
    writeFileSync(
      join(work, 'roles', 'web', 'tasks', 'main.yml'),
      `- name: role file\n  debug: msg="{{ lookup('file', 'note.txt') }}"\n`,
    );
    writeFileSync(join(work, 'inc.yml'), '- name: included\n  debug: msg="inc {{ item }}"\n');
    writeFileSync(join(work, 'site.yml'), PLAYBOOK);
    const { exitCode, results } = await run();
    expect(exitCode).toBe(0);
    expect(readdirSync(join(work, 'out')).sort()).toEqual(['web01', 'web03', 'web05']);
    expect(messages(results, 'fileglob')).toEqual(['a.conf', 'b.conf']);
    expect(messages(results, 'items')).toEqual([1, 2, 3]);
    expect(messages(results, 'list')).toEqual([[1, 2], 3]);
    expect(messages(results, 'dict')).toEqual(['a=1', 'b=2']);
    expect(messages(results, 'together')).toEqual(['a-1', 'b-2']);
    expect(messages(results, 'nested')).toEqual(['x1', 'x2', 'z1', 'z2']);
    expect(messages(results, 'subelements')).toEqual(['al:k1', 'al:k2']);
    expect(messages(results, 'first_found')).toEqual(['b.conf']);
    expect(messages(results, 'lines')).toEqual(['one', 'two']);
    expect(messages(results, 'indexed_items')).toEqual(['0:a', '1:b']);
    expect(results.filter((r) => r.task === 'included').map((r) => r.result.msg)).toEqual(['inc 1', 'inc 2']);
    expect(results.find((r) => r.task === 'web : role file')?.result.msg).toBe('from the role');
    const password = readFileSync(join(work, 'pw.txt'), 'utf8');
    expect(password).toMatch(/^[A-Za-z]{16}$/);
    expect(existsSync(join(work, 'secret'))).toBe(true);

    const again = await run();
    expect(again.exitCode).toBe(0);
    expect(again.results.find((r) => r.task === 'password' && !r.item)?.result.changed).toBe(false);
    expect(readFileSync(join(work, 'pw.txt'), 'utf8')).toBe(password);
  }, 60_000);
});

const FAILURES = `- hosts: all
  gather_facts: false
  tasks:
    - name: not a list
      debug: msg="{{ item }}"
      with_indexed_items: { a: 1 }
      ignore_errors: true
    - name: empty together
      debug: msg="{{ item }}"
      with_together: []
      ignore_errors: true
    - name: undefined but skipped
      debug: msg="{{ item }}"
      with_items: ["{{ nosuch }}"]
      when: false
    - name: vars file
      include_vars: "{{ item }}"
      with_first_found: ["{{ nosuch }}", missing.yml, extra.yml]
    - name: from vars
      debug: msg="{{ from_vars }}"
    - name: template
      debug: msg="{{ lookup('template', 'outer.j2') }}"
`;

describe('with_<lookup> loops as Ansible runs them', () => {
  test('a failing lookup fails with its own message, undefined items wait for `when`, first_found searches vars/', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-loops-'));
    mkdirSync(join(work, 'vars'));
    mkdirSync(join(work, 'templates'));
    writeFileSync(join(work, 'vars', 'extra.yml'), 'from_vars: found in vars/\n');
    writeFileSync(join(work, 'templates', 'outer.j2'), "[{% include 'inner.j2' %}]\n");
    writeFileSync(join(work, 'templates', 'inner.j2'), 'inner\n');
    writeFileSync(join(work, 'site.yml'), FAILURES);
    const { exitCode, results } = await run();
    expect(exitCode).toBe(0);
    const msg = (name: string) => results.find((r) => r.task === name)?.result.msg;
    expect(msg('not a list')).toBe('with_indexed_items expects a list');
    expect(msg('empty together')).toBe('with_together requires at least one element in each list');
    expect(results.find((r) => r.task === 'undefined but skipped')?.result.skipped).toBe(true);
    expect(msg('from vars')).toBe('found in vars/');
    expect(msg('template')).toBe('[inner]\n');
  }, 60_000);
});
