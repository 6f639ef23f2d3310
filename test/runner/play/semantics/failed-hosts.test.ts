import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('failed hosts across plays', () => {
  test('a host that failed in one play runs no task of the later plays, while the others go on', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - fail: msg=boom
      when: inventory_hostname == 'h1'
- hosts: web
  gather_facts: false
  tasks:
    - name: later
      debug: msg=hi
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.exitCode).toBe(2);
    expect(run.results.filter((r) => r.task === 'later').map((r) => r.host)).toEqual(['h2']);
  });

  test('any_errors_fatal stops the playbook: no later play runs', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - fail: msg=boom
- hosts: all
  gather_facts: false
  tasks:
    - name: later
      debug: msg=hi
`,
    });
    expect(run.exitCode).toBe(2);
    expect(run.results.some((r) => r.task === 'later')).toBe(false);
    expect(run.stats.ok).toBe(0);
  });

  test('meta: clear_host_errors brings a failed host back for the later plays', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - fail: msg=boom
      when: inventory_hostname == 'h1'
    - meta: clear_host_errors
- hosts: web
  gather_facts: false
  tasks:
    - name: later
      debug: msg="{{ ansible_play_batch }}"
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.results.filter((r) => r.task === 'later').map((r) => r.result.msg)).toEqual([
      ['h1', 'h2'],
      ['h1', 'h2'],
    ]);
  });
});

test('--force-handlers runs the handlers a failed host notified, unless its play says force_handlers: false', async () => {
  const playbook = (force: string) => `- hosts: all
  gather_facts: false
${force}  handlers:
    - name: announce
      debug: msg=handler
  tasks:
    - command: "true"
      notify: announce
    - block:
        - fail: msg=boom
      always:
        - debug: msg=always
`;
  const forced = await runFiles({ 'site.yml': playbook('') }, { forceHandlers: true });
  expect(forced.stats).toMatchObject({ ok: 3, failed: 1 });
  const refused = await runFiles(
    { 'site.yml': playbook('  force_handlers: false\n') },
    { forceHandlers: true },
  );
  expect(refused.stats).toMatchObject({ ok: 2, failed: 1 });
});

test('a forced handler that includes tasks runs them on the failed host too', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  handlers:
    - name: clean up
      include_tasks: cleanup.yml
  tasks:
    - command: "true"
      notify: clean up
    - fail: msg=boom
`,
      'cleanup.yml': '- command: "true"\n',
    },
    { forceHandlers: true },
  );
  expect(run.stats).toMatchObject({ ok: 3, changed: 2, failed: 1 });
});
