import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-fact-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the jsonfile fact cache', () => {
  test('a cacheable set_fact is seen by a later run, a plain one is not, and --flush-cache forgets it', async () => {
    const cacheDir = join(scratch, 'cache');
    const env = {
      ANSIBLE_CACHE_PLUGIN: 'jsonfile',
      ANSIBLE_CACHE_PLUGIN_CONNECTION: cacheDir,
      ANSIBLE_CACHE_PLUGIN_PREFIX: 'prefix_',
    };
    writeFileSync(
      join(scratch, 'set.yml'),
      `- hosts: web1
  gather_facts: false
  tasks:
    - set_fact: {kept_fact: kept, cacheable: true}
    - set_fact: {lost_fact: lost}
`,
    );
    writeFileSync(
      join(scratch, 'read.yml'),
      `- hosts: web1
  gather_facts: false
  tasks:
    - debug: msg="kept={{ kept_fact | default('none') }} lost={{ lost_fact | default('none') }}"
`,
    );
    const run = (file: string, ...flags: string[]) =>
      play(['-i', 'hosts.ini', '--reporter', 'plain', ...flags, join(scratch, file)], { env });
    expect((await run('set.yml')).code).toBe(0);
    expect(readdirSync(cacheDir)).toEqual(['prefix_web1']);
    expect((await run('read.yml')).stdout).toContain('kept=kept lost=none');
    expect((await run('read.yml', '--flush-cache')).stdout).toContain('kept=none lost=none');
    expect(existsSync(join(cacheDir, 'prefix_web1'))).toBe(true);
  });
});
