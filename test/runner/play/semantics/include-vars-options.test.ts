import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe("include_vars options as Ansible's", () => {
  test('hash_behaviour: merge merges a loaded mapping into the current one; without it the mapping is replaced', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars: one.yml
    - include_vars:
        file: two.yml
        hash_behaviour: merge
    - debug: msg="{{ config.a }} {{ config.nested.x }} {{ config.nested.y }} {{ config.b }}"
    - include_vars: two.yml
    - debug: msg="{{ config.a | default('gone') }} {{ config.nested.x | default('gone') }} {{ config.nested.y }}"
`,
      'one.yml': 'config: {a: 1, nested: {x: 1, y: 1}}\n',
      'two.yml': 'config: {b: 2, nested: {y: 2}}\n',
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results
      .map((r) => (r.result as { msg?: string }).msg)
      .filter((m) => !m?.startsWith('loaded'));
    expect(messages).toEqual(['1 1 2 2', 'gone gone 2']);
  });

  test('hash_behaviour: merge fails when the current value is not a mapping, as Ansible does', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars:
        file: two.yml
        hash_behaviour: merge
`,
      'two.yml': 'config: {b: 2}\n',
    });
    expect(run.exitCode).toBe(2);
    expect((run.results[0].result as { msg?: string }).msg).toMatch(
      /^failed to combine variables, expected dicts but got a 'NoneType' and a 'dict'/,
    );
  });

  test('an empty extension in `extensions` loads the files of `dir` that have none', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars:
        dir: vars/app
        extensions: ['', 'yml']
    - debug: msg="{{ plain }} {{ yml }}"
`,
      'vars/app/settings': 'plain: yes-plain\n',
      'vars/app/more.yml': 'yml: yes-yml\n',
    });
    expect(run.exitCode).toBe(0);
    expect((run.results[1].result as { msg?: string }).msg).toBe('yes-plain yes-yml');
  });

  test("an empty file (a lookup that found nothing) or a missing one fails with Ansible's 'Could not find' message", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars:
        file: "{{ '' }}"
      register: empty
      ignore_errors: true
    - include_vars: nowhere.yml
      register: missing
      ignore_errors: true
    - assert:
        that:
          - "'Could not find file' in empty.message"
          - "\\"Could not find or access 'nowhere.yml'\\" in missing.message"
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ignored: 2, failed: 0 });
  });

  test('a free-form file name written as a folded block loads the file (its final newline is not part of the name)', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_vars: >
        services/web.yml
    - debug: msg="{{ service_name }}"
`,
      'services/web.yml': 'service_name: web\n',
    });
    expect(run.exitCode).toBe(0);
    expect((run.results[1].result as { msg?: string }).msg).toBe('web');
  });
});
