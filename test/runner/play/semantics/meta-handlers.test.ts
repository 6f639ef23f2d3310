import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const twoHosts = { groups: { web: ['alpha', 'beta'] } };

test('a notified meta handler runs its action under a RUNNING HANDLER banner, per host for end_host', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: [quiet, stop]
  handlers:
    - name: quiet
      meta: noop
    - name: stop
      meta: end_host
      when: inventory_hostname == 'beta'
    - name: later
      debug: msg=later
      listen: stop
`,
    },
    twoHosts,
  );
  const banners = run.events.flatMap((e) => (e.kind === 'task:start' && e.handler ? [e.task] : []));
  expect(banners).toEqual(['quiet', 'quiet', 'stop', 'stop', 'later']);
  const meta = run.events.flatMap((e) => (e.kind === 'verbose' && e.msg.startsWith('META:') ? [e.msg] : []));
  expect(meta).toEqual([
    'META: noop',
    'META: noop',
    'META: end_host conditional evaluated to False, continuing execution for alpha',
    'META: ending play for beta',
  ]);
  // beta's play ended before the later handler: only alpha runs it.
  expect(run.results.filter((r) => r.result.msg === 'later').map((r) => r.host)).toEqual(['alpha']);
  expect(run.exitCode).toBe(0);
});

test('a meta handler can be reached through listen, and end_play as a handler stops the later handlers', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: done
  handlers:
    - meta: end_play
      listen: done
    - name: never
      debug: msg=never
      listen: done
`,
    },
    twoHosts,
  );
  const banners = run.events.flatMap((e) => (e.kind === 'task:start' && e.handler ? [e.task] : []));
  expect(banners).toEqual(['meta']);
  expect(run.results.map((r) => r.result.msg)).not.toContain('never');
  expect(run.warnings).toEqual([]);
});

test("flush_handlers as a handler ends the run with Ansible's error after its banner", async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: flush
    - debug: msg=after
  handlers:
    - name: flush
      meta: flush_handlers
`,
  });
  expect(run.errors).toEqual(['flush_handlers cannot be used as a handler']);
  expect(run.exitCode).toBe(1);
});

test('an include_tasks handler and the tasks it brings show RUNNING HANDLER banners', async () => {
  const run = await runFiles({
    'more.yml': '- debug: msg=included\n',
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: more
  handlers:
    - name: more
      include_tasks: more.yml
`,
  });
  const banners = run.events.flatMap((e) => (e.kind === 'task:start' ? [`${e.handler} ${e.task}`] : []));
  expect(banners).toEqual(['false debug', 'true more', 'true debug']);
});

test("an include handler whose file nests a block in a block ends the run with Ansible's parse error", async () => {
  await expect(
    runFiles({
      'more.yml': '- block:\n    - block:\n        - debug: msg=nested\n',
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: more
  handlers:
    - name: more
      include_tasks: more.yml
`,
    }),
  ).rejects.toThrow(/more\.yml:2:7 Using a block as a handler is not supported/);
});
