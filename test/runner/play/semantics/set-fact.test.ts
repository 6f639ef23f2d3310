import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('set_fact with templated names', () => {
  test('set_fact: "{{ k }}={{ v }}" in a loop keeps every fact, named when the task runs', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact: "{{ item }}=set-{{ item }}"
      loop: [alpha, beta]
    - set_fact:
        "{{ 'gam' + 'ma' }}": 3
    - name: show
      debug: msg="{{ alpha }} {{ beta }} {{ gamma }}"
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('set-alpha set-beta 3');
  });

  test('set_fact in a loop sees the facts of the items before it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact: acc="{{ (acc | default([])) + [item] }}"
      loop: [1, 2, 3]
    - name: show
      debug: msg="{{ acc }}"
`,
    });
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toEqual([1, 2, 3]);
  });

  test('a templated name that renders to something that is not a variable name fails the task', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - set_fact: "{{ '1 bad' }}=x"\n`,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stats.failed).toBe(1);
  });

  test('a set_fact of a registered name replaces the registered result, and a later register replaces the fact', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=first
      register: shared
    - set_fact:
        shared: "{{ shared.msg }}-fact"
    - name: fact
      debug: msg="{{ shared }}"
    - debug: msg=again
      register: shared
    - name: registered
      debug: msg="{{ shared.msg }}"
`,
    });
    expect(run.results.find((r) => r.task === 'fact')?.result.msg).toBe('first-fact');
    expect(run.results.find((r) => r.task === 'registered')?.result.msg).toBe('again');
  });
});
