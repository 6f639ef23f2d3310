import { expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../../dsl/index.js';
import { runPlaybook } from '../../../../runner/play/run-playbook.js';
import { runFiles } from '../../../support/run-files.js';

test('a play-level no_log and ignore_errors reach its tasks, and a templated no_log is decided per host', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  no_log: true
  ignore_errors: true
  tasks:
    - name: hidden by the play
      debug: msg=SECRET
    - name: shown, its own no_log wins
      debug: msg=PLAIN
      no_log: false
    - name: hidden by a template
      fail: msg=SECRET
      no_log: "{{ not (show | bool) }}"
    - name: items hidden by a template
      debug: msg={{ item }}
      loop: [SECRET]
      no_log: "{{ not (show | bool) }}"
`,
    },
    { extraVars: { show: 'no' } },
  );
  expect(run.exitCode).toBe(0);
  const text = JSON.stringify(run.results);
  expect(text).not.toContain('SECRET');
  expect(text).toContain('PLAIN');
  expect(run.results.filter((r) => r.item).map((r) => r.item?.label)).toEqual(['None']);
  expect(run.stats).toMatchObject({ ignored: 1 });
});

test('ANSIBLE_NO_LOG censors the tasks that set no no_log, not those that set it false', async () => {
  const builder = new InventoryBuilder();
  builder.addHost('localhost', 'ungrouped', { ansible_connection: 'local' });
  const inventory = builder.build();
  const { graph } = compilePlaybookValue(
    '/tmp/site.yml',
    [
      {
        hosts: 'all',
        gather_facts: false,
        tasks: [{ debug: { msg: 'HIDDEN' } }, { debug: { msg: 'SHOWN' }, no_log: false }],
      },
    ],
    { inventory },
  );
  const shown: string[] = [];
  await runPlaybook({
    graph,
    inventory,
    extraVars: {},
    check: false,
    diff: false,
    verbosity: 0,
    noLog: true,
    emit: (e) => {
      if (e.kind === 'task:result') shown.push(JSON.stringify(e.result));
    },
  });
  expect(shown).toHaveLength(2);
  expect(shown[0]).not.toContain('HIDDEN');
  expect(shown[1]).toContain('SHOWN');
});
