import { expect, test } from 'vitest';
import { createPlainReporter } from '../../../../runner/report/plain-reporter.js';
import { StringSink } from '../../../../runner/report/text-sink.js';
import { runFiles } from '../../../support/run-files.js';

test('include_tasks announces each file it loaded for the hosts that share it, per loop item, as ansible-playbook', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: "{{ 'a.yml' if inventory_hostname == 'gamma' else 'b.yml' }}"
    - include_tasks: b.yml
      loop: [one, two]
      loop_control:
        label: "item {{ item }}"
`,
      'a.yml': '- debug: msg=a\n',
      'b.yml': '- debug: msg=b\n',
    },
    { groups: { web: ['alpha', 'beta', 'gamma'] } },
  );
  const announced = run.events.flatMap((e) =>
    e.kind === 'task:included'
      ? [`${e.file.replace(run.dir, 'DIR')} ${e.hosts.join(',')} ${e.item?.label}`]
      : [],
  );
  expect(announced).toEqual([
    'DIR/b.yml alpha,beta undefined',
    'DIR/a.yml gamma undefined',
    'DIR/b.yml alpha,beta,gamma item one',
    'DIR/b.yml alpha,beta,gamma item two',
  ]);
  // The include still counts ok once per file per host (Ansible's stats), but prints no ok line of its own.
  expect(run.statsByHost.alpha).toMatchObject({ ok: 6 });
  const out = new StringSink();
  const reporter = createPlainReporter({ out, verbosity: 0 });
  for (const event of run.events) reporter.handle(event);
  const text = out.text.replaceAll(run.dir, 'DIR');
  expect(text).toContain('included: DIR/b.yml for alpha, beta\nincluded: DIR/a.yml for gamma\n');
  expect(text).toContain('included: DIR/b.yml for alpha, beta, gamma => (item=item two)\n');
  expect(text).not.toMatch(/TASK \[include_tasks\][^\n]*\nok:/);
});

test('an include looping over duplicate items includes the file once per item, as Ansible never dedupes them', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: item.yml
      loop: [foo, foo, foo]
`,
    'item.yml': '- debug: msg="item={{ item }}"\n',
  });
  expect(run.events.filter((e) => e.kind === 'task:included').map((e) => e.hosts)).toEqual([
    ['localhost'],
    ['localhost'],
    ['localhost'],
  ]);
  expect(run.results.filter((r) => r.result.msg === 'item=foo')).toHaveLength(3);
  expect(run.stats).toMatchObject({ ok: 6 });
});

test('run_once on an include processes it for the first host only, which alone runs the included tasks', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: once.yml
      run_once: true
`,
      'once.yml': '- debug: msg="ran on {{ inventory_hostname }}"\n',
    },
    { groups: { web: ['alpha', 'beta'] } },
  );
  expect(run.results.map((r) => `${r.host} ${r.result.msg ?? r.status}`)).toEqual([
    'alpha ok',
    'alpha ran on alpha',
  ]);
  expect(run.statsByHost.beta).toBeUndefined();
});
