import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, play } from './cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-nohosts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const playbook = join(scratch, 'two-plays.yml');
writeFileSync(
  playbook,
  [
    '- name: nothing here',
    '  hosts: nomatch',
    '  tasks:',
    '    - debug: msg=never',
    '- name: web',
    '  hosts: web',
    '  gather_facts: no',
    '  tasks:',
    '    - debug: msg=hi',
    '',
  ].join('\n'),
);
const inventory = join(FIXTURES, 'hosts.ini');

describe('host patterns and --limit that match nothing', () => {
  it("exits 1 with ansible-playbook's message when --limit leaves no host, before running anything", async () => {
    const run = await play(['-i', inventory, '-l', 'typo', '--reporter', 'plain', playbook]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '[WARNING]: Could not match supplied host pattern, ignoring: typo\n' +
        'play: error: Specified inventory, host pattern and/or --limit leaves us with no hosts to target.\n',
    );
  });

  it('fails the listing actions the same way, as ansible-playbook does', async () => {
    const run = await play(['-i', inventory, '-l', 'typo', '--list-hosts', playbook]);
    expect(run.code).toBe(1);
  });

  it('warns about the term of a --limit that matches nothing and runs the rest', async () => {
    const run = await play(['-i', inventory, '-l', 'typo,web1', '--reporter', 'plain', playbook]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[WARNING]: Could not match supplied host pattern, ignoring: typo\n');
    expect(run.stdout).toContain('ok: [web1]');
    expect(run.stdout).not.toContain('[web2]');
  });

  it('prints "skipping: no hosts matched" for a play whose hosts match nothing, with no facts banner', async () => {
    const run = await play(['-i', inventory, '--reporter', 'plain', playbook]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^\nPLAY \[nothing here\] \*+\nskipping: no hosts matched\n\nPLAY \[web\] \*+\n/,
    );
    expect(run.stdout).not.toContain('Gathering Facts');
    expect(run.stderr).toBe('[WARNING]: Could not match supplied host pattern, ignoring: nomatch\n');
  });
});
