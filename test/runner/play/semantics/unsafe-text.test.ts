import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('!unsafe text is never templated: in vars, module arguments and facts set from it', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  vars:
    braces: !unsafe '{{ foo }} and {% if x %} {% endraw %}'
    nested: '{{ braces }}'
  tasks:
    - command: !unsafe echo {{ bar }}
      register: out
    - set_fact:
        kept: !unsafe '{{ undefined_thing }}'
    - name: check
      assert:
        that:
          - nested == braces
          - braces | length == 37
          - braces.endswith('{' ~ '% endraw %}')
          - out.stdout == '{' ~ '{ bar }' ~ '}'
          - kept == '{' ~ '{ undefined_thing }' ~ '}'
          - plain == 'no markers'
      vars:
        plain: !unsafe no markers
`,
  });
  const check = run.results.find((r) => r.task === 'check')?.result;
  expect(check?.failed, JSON.stringify(check)).toBeFalsy();
  expect(run.exitCode).toBe(0);
});

test('a fact set from a registered text stays text: braces in it are never templated when the fact is used', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command: echo "a {{ '{{' }} nope }}"
      register: out
    - set_fact:
        copied: "{{ out.stdout }}"
        plain: "rc {{ out.rc }}"
    - debug: { msg: "{{ copied }} / {{ copied | length }} / {{ plain }}" }
`,
  });
  const shown = run.results.find((r) => r.task === 'debug')?.result;
  expect(shown?.msg, JSON.stringify(shown)).toBe('a {{ nope }} / 12 / rc 0');
});
