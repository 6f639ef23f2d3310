import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a condition holding {{ }} (a when, an item of assert’s that) warns once per text, as Ansible does, and is still evaluated', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  vars:
    foo: bar
  tasks:
    - assert:
        that:
          - '"{{ foo }}" == "bar"'
          - foo == "bar"
    - debug: msg=twice
      when: '"{{ foo }}" != "baz"'
      loop: [1, 2]
`,
  });
  expect(run.exitCode).toBe(0);
  const warnings = run.events.flatMap((e) => (e.kind === 'warning' ? [e.msg] : []));
  expect(warnings).toEqual([
    'conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: "{{ foo }}" == "bar"',
    'conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: "{{ foo }}" != "baz"',
  ]);
  expect(run.results.filter((r) => r.result.msg === 'twice')).toHaveLength(2);
});
