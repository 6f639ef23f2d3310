import { describe, expect, test } from 'vitest';
import { runFiles } from '../../support/run-files.js';

describe('hostvars and template errors of a task', () => {
  test("a host's variables holding templates render when looked up through hostvars", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: localhost
  gather_facts: false
  tasks:
    - debug: { msg: "{{ hostvars['localhost']['y'] }} {{ hostvars.localhost.nested.value }}" }
    - debug: { msg: "{{ nope }}" }
      ignore_errors: true
`,
      'host_vars/localhost.yml': 'x: 100\ny: "{{ x }}"\nnested: { value: "{{ y }}" }\n',
    });
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages[0]).toBe('100 100');
    expect(messages[1]).toMatch(
      /^The task includes an option with an undefined variable\. The error was: 'nope' is undefined/,
    );
  });
});

describe('hostvars values and unsafe loop items', () => {
  test("a host's value naming a play variable stays as written through hostvars, and a with_ item keeps it unsafe", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: localhost
  gather_facts: false
  vars:
    version: '1.0'
  tasks:
    - include_vars: more.yml
    - debug: { msg: "{{ hostvars[inventory_hostname]['listed'] }}" }
    - set_fact: "{{ item.key }}={{ hostvars[inventory_hostname][item.value] }}"
      with_dict: { foo: listed }
    - debug: { msg: "{{ foo[0] }}" }
    - set_fact: "{{ item.key }}={{ hostvars[inventory_hostname][item.value] }}"
      loop: "{{ {'foo': 'listed'} | dict2items }}"
    - debug: { msg: "{{ foo[0] }}" }
`,
      'more.yml': 'listed:\n  - "foo{{ version }}"\n',
    });
    const messages = run.results
      .filter((r) => r.task === 'debug')
      .map((r) => (r.result as { msg?: unknown }).msg);
    expect(messages).toEqual([['foo{{ version }}'], 'foo{{ version }}', 'foo1.0']);
  });
});
