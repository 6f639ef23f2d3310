import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('module results carry the keys Ansible returns', () => {
  test('copy, stat, a missing executable and failed: false in registered results', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - copy: src=WORK/a.txt dest=WORK/into
      register: copied
    - stat: path=WORK/into/a.txt
      register: st
    - command: /nonexistent/binary
      register: missing
      ignore_errors: true
    - debug: msg=x
      register: dbg
    - assert:
        that: ["'failed' in dbg", "not dbg.failed"]
`,
        'a.txt': 'hello\n',
        'into/.keep': '',
      },
      { keep: true },
    );
    try {
      expect(readFileSync(join(run.dir, 'into', 'a.txt'), 'utf8')).toBe('hello\n');
      const byTask = (i: number) => run.results[i].result as Record<string, unknown>;
      expect(byTask(0)).toMatchObject({
        state: 'file',
        mode: expect.any(String),
        md5sum: expect.any(String),
      });
      expect(byTask(0)).toHaveProperty('uid');
      expect((byTask(1).stat as Record<string, unknown>).dev).toEqual(expect.any(Number));
      expect((byTask(1).stat as Record<string, unknown>).pw_name).toEqual(expect.any(String));
      expect(byTask(2)).toMatchObject({ rc: 2, stdout: '', stderr: '', failed: true });
      expect(run.stats).toMatchObject({ ignored: 1, failed: 0 });
      expect(run.exitCode).toBe(0);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
