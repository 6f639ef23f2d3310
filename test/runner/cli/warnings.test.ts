import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, play } from './cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-warnings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Idiomatic Ansible (yes/no booleans, an octal mode) and one likely mistake: a duplicated key.
const playbook = join(scratch, 'idiomatic.yml');
writeFileSync(
  playbook,
  [
    '- hosts: web1',
    '  gather_facts: no',
    '  become: no',
    '  tasks:',
    '    - name: say',
    '      debug:',
    '        msg: first',
    '        msg: second',
    '      changed_when: no',
    '      check_mode: yes',
    '',
  ].join('\n'),
);
const inventory = join(FIXTURES, 'hosts.ini');

describe('warnings', () => {
  it('are printed once, only for the likely mistake, not for yes/no', async () => {
    const run = await play(['-i', inventory, '--reporter', 'plain', playbook]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`[WARNING]: duplicate key \`msg\`: the last value wins (${playbook}:8:9)\n`);
  });

  it('are printed once by --syntax-check too', async () => {
    const run = await play(['-i', inventory, '--syntax-check', playbook]);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/\[WARNING\]/g)).toHaveLength(1);
  });

  it('are warning events in --json, and stderr stays empty', async () => {
    const run = await play(['-i', inventory, '--json', playbook]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.filter((r) => r.kind === 'warning')).toEqual([
      {
        kind: 'warning',
        time: expect.any(String),
        msg: 'duplicate key `msg`: the last value wins',
        source: { file: playbook, line: 8, column: 9 },
      },
    ]);
    expect(records.findIndex((r) => r.kind === 'warning')).toBeLessThan(
      records.findIndex((r) => r.kind === 'run:start'),
    );
  });
});
