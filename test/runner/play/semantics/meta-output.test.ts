import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const twoHosts = { groups: { web: ['alpha', 'beta'] } };

test('meta tasks say what they did in -vv META: lines, per host for end_host and once for end_play', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - meta: end_host
      when: inventory_hostname == 'beta'
    - name: stop
      ansible.builtin.meta: end_play
    - debug: msg=never
`,
    },
    twoHosts,
  );
  const lines = run.events.flatMap((e) => (e.kind === 'verbose' ? [`${e.level} ${e.msg}`] : []));
  expect(lines).toEqual([
    expect.stringMatching(/^2 1 plays in .*site\.yml$/),
    '2 META: end_host conditional evaluated to False, continuing execution for alpha',
    '2 META: ending play for beta',
    '2 META: ending play',
  ]);
  const banners = run.events.flatMap((e) => (e.kind === 'task:start' ? [e.task] : []));
  expect(banners).toEqual(['meta', 'meta', 'stop']);
  expect(run.results.map((r) => `${r.host} ${r.status} ${r.result.msg}`)).toEqual([
    'alpha skipped end_host conditional evaluated to false, continuing execution for alpha',
  ]);
  expect(run.statsByHost).toEqual({});
});

test('end_batch ends only the batch (serial), end_play also the later batches', async () => {
  const play = (action: string) => `- hosts: all
  gather_facts: false
  serial: 1
  tasks:
    - debug: msg=first
    - meta: ${action}
    - debug: msg=after
`;
  const batch = await runFiles({ 'site.yml': play('end_batch') }, twoHosts);
  expect(batch.results.map((r) => `${r.host} ${r.result.msg}`)).toEqual(['alpha first', 'beta first']);
  const ended = await runFiles({ 'site.yml': play('end_play') }, twoHosts);
  expect(ended.results.map((r) => `${r.host} ${r.result.msg}`)).toEqual(['alpha first']);
  expect(Object.keys(ended.statsByHost)).toEqual(['alpha']);
});

test('a run whose failed host was cleared by clear_host_errors exits 0, its recap still counting the failure', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - fail: msg=boom
      always:
        - meta: clear_host_errors
    - debug: msg=back
`,
  });
  expect(run.stats).toMatchObject({ ok: 1, failed: 1 });
  expect(run.exitCode).toBe(0);
});
