import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-hash-behaviour-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ANSIBLE_HASH_BEHAVIOUR=merge', () => {
  test('a dict variable set in play vars, a vars file and -e is merged key by key', async () => {
    writeFileSync(join(scratch, 'more.yml'), 'conf: {from_file: 1}\n');
    writeFileSync(
      join(scratch, 'site.yml'),
      `- hosts: web1
  gather_facts: false
  vars_files: [more.yml]
  vars:
    conf: {from_play: 1}
  tasks:
    - debug: msg="keys={{ conf.keys() | sort | join(',') }}"
`,
    );
    const run = (env: Record<string, string>) =>
      play(
        [
          '-i',
          'hosts.ini',
          '--reporter',
          'plain',
          '-e',
          '{"conf": {"from_extra": 1}}',
          join(scratch, 'site.yml'),
        ],
        {
          env,
        },
      );
    const merged = await run({ ANSIBLE_HASH_BEHAVIOUR: 'merge' });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('keys=from_extra,from_file,from_play');
    const replaced = await run({});
    expect(replaced.stdout).toContain('keys=from_extra"');
  });
});
