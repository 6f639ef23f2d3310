import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { play } from './cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-refresh-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hostsYaml = (names: string[]) =>
  `all:\n  vars:\n    ansible_connection: local\n  hosts:\n${names.map((n) => `    ${n}: {}\n`).join('')}`;

writeFileSync(join(scratch, 'inventory.yml'), hostsYaml(['one', 'two']));
writeFileSync(join(scratch, 'inventory_new.yml'), hostsYaml(['two', 'four']));
writeFileSync(
  join(scratch, 'site.yml'),
  `- hosts: all
  gather_facts: false
  tasks:
    - add_host: name=yolo ansible_connection=local
    - copy: src=inventory_new.yml dest={{ playbook_dir }}/inventory.yml
      delegate_to: localhost
      run_once: true
    - meta: refresh_inventory
    - debug: msg="still {{ inventory_hostname }} {{ groups['all'] | join(',') }}"
- hosts: all
  gather_facts: false
  tasks:
    - debug: msg="hosts={{ ansible_play_hosts_all | join(',') }}"
      run_once: true
`,
);

describe('meta: refresh_inventory', () => {
  it('reads the inventory source again: later plays lose the hosts it dropped and get the new ones, and keep added hosts', async () => {
    const run = await play(['-i', 'inventory.yml', '--reporter', 'plain', 'site.yml'], { cwd: scratch });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"msg": "hosts=two,four,yolo"');
  });

  it('ends the current play for the hosts the source dropped; the others go on seeing the new groups', async () => {
    writeFileSync(join(scratch, 'inventory.yml'), hostsYaml(['one', 'two']));
    const run = await play(['-i', 'inventory.yml', '--reporter', 'plain', 'site.yml'], { cwd: scratch });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"msg": "still two two,four,yolo"');
    expect(run.stdout).not.toContain('still one');
  });
});
