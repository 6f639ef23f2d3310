import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a host that failed in rescue runs the handlers a flush_handlers in always flushes, as Ansible does', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - fail: msg=first
      rescue:
        - fail: msg=second
      always:
        - debug: msg=notify
          changed_when: true
          notify: [h1, h2]
        - meta: flush_handlers
    - debug: msg=never
  handlers:
    - name: h1
      fail:
        msg: handler fails
    - name: h2
      debug: msg=after
`,
  });
  // h1 runs (the host failed before the flush); its failure stops the host's later handlers.
  expect(run.results.map((r) => `${r.status} ${r.result.msg}`)).toEqual([
    'rescued first',
    'failed second',
    'changed notify',
    'failed handler fails',
  ]);
  expect(run.exitCode).toBe(2);
});

test('a flush runs each notified handler once, in order: one notified again by a later handler waits for the next flush', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=go
      changed_when: true
      notify: [one, self]
  post_tasks:
    - debug: msg=post
  handlers:
    - name: one
      debug: msg=one
      changed_when: true
      notify: two
    - name: two
      debug: msg=two
      changed_when: true
      notify: one
    - name: self
      debug: msg=self
      changed_when: true
      notify: self
`,
  });
  // After tasks: one, two, self (its own notification is dropped); after post_tasks: one (notified by two), two.
  expect(run.results.map((r) => r.result.msg)).toEqual(['go', 'one', 'two', 'self', 'post', 'one', 'two']);
});

test('a handler failing at a flush_handlers inside a block runs its rescue but counts as failed, not rescued', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - debug: msg=go
          changed_when: true
          notify: boom
        - meta: flush_handlers
      rescue:
        - debug: msg=rescue
    - debug: msg=after
  handlers:
    - name: boom
      fail:
        msg: boom
`,
  });
  expect(run.results.map((r) => r.result.msg)).toEqual(['go', 'boom', 'rescue', 'after']);
  expect(run.stats).toMatchObject({ ok: 3, changed: 1, failed: 1, rescued: 0 });
  expect(run.exitCode).toBe(0);
});
