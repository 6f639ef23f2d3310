import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('loop_control as Ansible runs it', () => {
  test('templated loop_var and index_var, extended ansible_loop, and the item variables in each result', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    var_name: fruit
  tasks:
    - name: items
      debug: msg="{{ fruit }} {{ idx }} {{ ansible_loop.index }}/{{ ansible_loop.length }} {{ ansible_loop.first }} {{ ansible_loop.previtem | default('-') }} {{ ansible_loop.allitems | default('none') }}"
      loop: [apple, pear]
      loop_control:
        loop_var: "{{ var_name }}"
        index_var: idx
        extended: true
        extended_allitems: false
      register: out
    - name: show
      debug: msg="{{ out.results | map(attribute='ansible_index_var') | list }} {{ out.results[1].ansible_loop.last }}"
`,
    });
    expect(run.exitCode).toBe(0);
    const items = run.results.filter((r) => r.task === 'items' && r.item).map((r) => r.result.msg);
    expect(items).toEqual(['apple 0 1/2 True - none', 'pear 1 2/2 False apple none']);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe("['idx', 'idx'] True");
  });
});

describe('loop item labels', () => {
  test('a dict or list item is named as Python prints it, as in Ansible’s output', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: localhost
  gather_facts: false
  tasks:
    - debug: { msg: x }
      with_dict: { foo: bar }
    - debug: { msg: x }
      loop: [[a, true], ~]
`,
    });
    expect(run.results.filter((r) => r.item).map((r) => r.item?.label)).toEqual([
      "{'key': 'foo', 'value': 'bar'}",
      "['a', True]",
      'None',
    ]);
  });
});
