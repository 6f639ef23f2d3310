import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('conditions as Ansible 2.14 evaluates them', () => {
  test('a variable holding a non-empty string is true ("false" too); a template condition is rendered, then read as an expression', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    text_false: "false"
    empty: ""
    nested: "1 == 2"
    none: []
  tasks:
    - { name: text_false, debug: msg=ran, when: text_false }
    - { name: empty, debug: msg=ran, when: empty }
    - { name: nested, debug: msg=ran, when: nested }
    - { name: rendered, debug: msg=ran, when: "{{ nested }}" }
    - { name: rendered_false, debug: msg=ran, when: "{{ text_false }}" }
    - { name: empty_list, debug: msg=ran, when: none }
    - name: assert reads conditions the same way
      assert:
        that: [text_false, nested, not none]
`,
    });
    expect(run.exitCode).toBe(0);
    const status = (name: string) => run.results.find((r) => r.task === name)?.status;
    expect(['text_false', 'empty', 'nested', 'rendered', 'rendered_false', 'empty_list'].map(status)).toEqual(
      ['ok', 'skipped', 'ok', 'skipped', 'skipped', 'skipped'],
    );
  });

  test('set_fact turns the text true/false/yes/no into booleans, as Ansible does', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact: a=false b=Yes c=maybe
    - name: show
      debug: msg="{{ [a, b, c] }}"
`,
    });
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toEqual([false, true, 'maybe']);
  });

  test("an assert condition that cannot be evaluated fails with Ansible's conditional check message", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    n: null
  tasks:
    - assert:
        that: "'a' in n"
      ignore_errors: true
    - assert:
        that: "'a' not in nope"
      ignore_errors: true
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => r.msg)).toEqual([
      "The conditional check ''a' in n' failed. The error was: Unexpected templating type error occurred on ({% if 'a' in n %} True {% else %} False {% endif %}): argument of type 'NoneType' is not iterable. argument of type 'NoneType' is not iterable",
      "The conditional check ''a' not in nope' failed. The error was: error while evaluating conditional ('a' not in nope): 'nope' is undefined. 'nope' is undefined",
    ]);
  });

  test('a when that compares an undefined value fails the task with the conditional check message, never skips it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    d: {a: 1}
  tasks:
    - debug: msg=compared
      when: _undefined == 'yes'
      ignore_errors: true
    - debug: msg=attribute
      when: d.b != 1
      ignore_errors: true
    - debug: msg=guarded
      when: d.b is defined and d.b == 1
`,
    });
    expect(run.results.map((r) => `${r.status} ${r.msg}`)).toEqual([
      "ignored The conditional check '_undefined == 'yes'' failed. The error was: error while evaluating conditional (_undefined == 'yes'): '_undefined' is undefined. '_undefined' is undefined",
      "ignored The conditional check 'd.b != 1' failed. The error was: error while evaluating conditional (d.b != 1): 'dict object' has no attribute 'b'. 'dict object' has no attribute 'b'",
      'skipped undefined',
    ]);
  });
});
