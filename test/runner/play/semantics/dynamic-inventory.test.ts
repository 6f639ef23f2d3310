import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('add_host and group_by change the inventory for the rest of the run', () => {
  test('group_by puts each host in its group, reports a change only when the inventory changed, and a later play targets the group', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - group_by: key="g_{{ inventory_hostname }}" parents=gp
      register: first
    - group_by: key="g_{{ inventory_hostname }}" parents=gp
      register: again
    - name: state
      debug: msg="{{ first is changed }} {{ again is changed }} {{ group_names }} {{ groups.gp }}"
- hosts: g_h2
  gather_facts: false
  tasks:
    - name: later
      debug: msg="{{ ansible_play_hosts_all }}"
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.exitCode).toBe(0);
    const state = run.results.filter((r) => r.task === 'state').map((r) => [r.host, r.result.msg]);
    expect(state).toEqual([
      ['h1', "True False ['g_h1', 'gp', 'web'] ['h1', 'h2']"],
      ['h2', "True False ['g_h2', 'gp', 'web'] ['h1', 'h2']"],
    ]);
    expect(run.results.filter((r) => r.task === 'later').map((r) => r.host)).toEqual(['h2']);
  });

  test('add_host runs once for the batch, adds the host with its variables and port, and later plays run on it', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - add_host:
        name: "extra:2222"
        groups: dyn,other
        ansible_connection: local
        colour: blue
      register: added
    - name: registered on the first host only
      debug: msg="{{ added is defined }}"
- hosts: dyn
  gather_facts: false
  tasks:
    - name: new host
      debug: msg="{{ colour }} {{ ansible_ssh_port }} {{ group_names }}"
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.task === 'add_host').map((r) => [r.host, r.status])).toEqual([
      ['h1', 'changed'],
    ]);
    expect(
      run.results.filter((r) => r.task === 'registered on the first host only').map((r) => r.result.msg),
    ).toEqual([true, false]);
    const newHost = run.results.find((r) => r.task === 'new host');
    expect([newHost?.host, newHost?.result.msg]).toEqual(['extra', "blue 2222 ['dyn', 'other']"]);
  });

  test('run_once shares the registered result with every host but counts it once', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - set_fact: shared=1
      run_once: true
      register: once
    - name: seen
      debug: msg="{{ shared }} {{ once.failed }}"
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.results.filter((r) => r.task === 'seen').map((r) => r.result.msg)).toEqual([
      '1 False',
      '1 False',
    ]);
    expect([run.statsByHost.h1.ok, run.statsByHost.h2.ok]).toEqual([2, 1]);
  });
});
