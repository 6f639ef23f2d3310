import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const notifiesNobody = `- hosts: all
  gather_facts: false
  tasks:
    - command: "true"
      notify: nobody
    - debug: msg=after
`;

describe('notifying a handler that does not exist, as Ansible', () => {
  test('ends the run with Ansible’s error and exit 1: no later task runs', async () => {
    const run = await runFiles({ 'site.yml': notifiesNobody });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      "The requested handler 'nobody' was not found in either the main handlers list nor in the listening handlers list",
    ]);
    expect(run.results.some((r) => (r.result as { msg?: string }).msg === 'after')).toBe(false);
  });

  test('is a warning when error_on_missing_handler is off, and the run goes on', async () => {
    const run = await runFiles({ 'site.yml': notifiesNobody }, { errorOnMissingHandler: false });
    expect(run.exitCode).toBe(0);
    expect(run.results.some((r) => (r.result as { msg?: string }).msg === 'after')).toBe(true);
  });

  test('a handler answers `ROLE : name` and templated names, so those notifications run it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars: {which: second}
  roles: [web]
  handlers:
    - name: "{{ which }} handler"
      debug: msg=second-ran
`,
      'roles/web/tasks/main.yml': `- command: "true"
  notify: ["web : restart", "{{ which }} handler"]
`,
      'roles/web/handlers/main.yml': `- name: restart
  debug: msg=restart-ran
`,
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages).toContain('restart-ran');
    expect(messages).toContain('second-ran');
  });

  test('listen topics are taken as written, not templated (Ansible 2.14)', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  vars: {topic: restart}
  handlers:
    - name: listener
      debug: msg=listener-ran
      listen: "{{ topic }}"
  tasks:
    - command: "true"
      notify: "{{ topic }}"
`,
      },
      { errorOnMissingHandler: false },
    );
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => (r.result as { msg?: string }).msg)).not.toContain('listener-ran');
  });

  test('a notify template that renders to a list notifies each name in it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars: {both: [first, second]}
  handlers:
    - name: first
      debug: msg=first-ran
    - name: second
      debug: msg=second-ran
  tasks:
    - command: "true"
      notify: "{{ both }}"
`,
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['first-ran', 'second-ran']));
  });

  test("a role brought in by include_role answers a name the play's own handlers share, as Ansible's appended handlers", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  handlers:
    - name: restart
      debug: msg=play-handler
  tasks:
    - include_role: name=web
`,
      'roles/web/tasks/main.yml': `- command: "true"
  notify: restart
`,
      'roles/web/handlers/main.yml': `- name: restart
  debug: msg=role-handler
`,
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages).toContain('role-handler');
    expect(messages).not.toContain('play-handler');
  });

  test('a handler whose name does not render warns that it is unusable, once, and the run goes on', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  handlers:
    - name: "restart {{ undefined_thing }}"
      debug: msg=never
    - name: plain
      debug: msg=plain-ran
  tasks:
    - command: "true"
      notify: plain
    - command: "true"
      notify: plain
`,
      },
      { errorOnMissingHandler: false },
    );
    expect(run.exitCode).toBe(0);
    const warnings = run.events.flatMap((e) => (e.kind === 'warning' ? [e.msg] : []));
    expect(
      warnings.filter((w) => w.startsWith("Handler 'restart {{ undefined_thing }}' is unusable")),
    ).toHaveLength(1);
    expect(run.results.map((r) => (r.result as { msg?: string }).msg)).toContain('plain-ran');
  });
});
