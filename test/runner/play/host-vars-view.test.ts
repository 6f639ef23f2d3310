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
