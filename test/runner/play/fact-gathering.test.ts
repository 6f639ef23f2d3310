import { describe, expect, test } from 'vitest';
import { runFiles } from '../../support/run-files.js';

const gatherings = (run: Awaited<ReturnType<typeof runFiles>>) =>
  run.results.filter((r) => r.task === 'Gathering Facts').length;

const threePlays = `- hosts: all
  tasks:
    - assert: { that: ["ansible_facts.distribution is defined"] }
- hosts: all
  tasks:
    - meta: clear_facts
- hosts: all
  tasks:
    - assert: { that: ["ansible_facts.distribution is defined"] }
`;

describe('the gathering setting decides when plays gather facts, as Ansible', () => {
  test('implicit (the default) gathers in every play that does not say gather_facts: false', async () => {
    const run = await runFiles({ 'site.yml': threePlays });
    expect(run.exitCode).toBe(0);
    expect(gatherings(run)).toBe(3);
  });

  test('smart gathers once per host, and again after meta: clear_facts', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  tasks:
    - debug: msg=first
- hosts: all
  tasks:
    - assert: { that: ["ansible_facts.distribution is defined"] }
    - meta: clear_facts
- hosts: all
  tasks:
    - assert: { that: ["ansible_facts.distribution is defined"] }
`,
      },
      { gathering: 'smart' },
    );
    expect(run.exitCode).toBe(0);
    expect(gatherings(run)).toBe(2);
  });

  test('explicit gathers only in plays that say gather_facts: true', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  tasks:
    - assert: { that: ["ansible_facts is undefined or 'fqdn' not in ansible_facts"] }
- hosts: all
  gather_facts: true
  tasks:
    - assert: { that: ["'fqdn' in ansible_facts"] }
`,
      },
      { gathering: 'explicit' },
    );
    expect(run.exitCode).toBe(0);
    expect(gatherings(run)).toBe(1);
  });
});

describe('play keywords shape the implicit gathering', () => {
  test('gather_subset, gather_timeout and fact_path are passed to the gathering', async () => {
    const run = await runFiles({
      'facts.d/app.fact': '{"tier": "web"}\n',
      'site.yml': `- hosts: all
  gather_subset: ['!all', '!min', 'local']
  gather_timeout: 5
  fact_path: WORK/facts.d
  tasks:
    - assert:
        that:
          - ansible_local.app.tier == 'web'
          - ansible_facts.interfaces is undefined
          - ansible_facts.gather_subset == ['!all', '!min', 'local']
`,
    });
    expect(run.exitCode).toBe(0);
  });

  test('gather_facts runs as a task, like ansible.builtin.gather_facts', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.gather_facts:
        gather_subset: min
    - assert: { that: ["ansible_distribution is defined"] }
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats.ok).toBe(2);
  });
});
