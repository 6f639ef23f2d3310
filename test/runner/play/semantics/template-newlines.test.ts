import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('trailing newlines of a rendered template', () => {
  test('the output ends as Ansible leaves it (Jinja2 drops the last newline, Ansible restores the count)', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - template: src=empty-expr.j2 dest=WORK/one
    - template: src=plain.j2 dest=WORK/two
    - template: src=two.j2 dest=WORK/three
`,
        'empty-expr.j2': 'a\n\n{{ "" }}\n',
        'plain.j2': 'a\n',
        'two.j2': 'a\n\n',
      },
      { keep: true },
    );
    try {
      expect(run.exitCode).toBe(0);
      expect(readFileSync(join(run.dir, 'one'), 'utf8')).toBe('a\n\n');
      expect(readFileSync(join(run.dir, 'two'), 'utf8')).toBe('a\n');
      expect(readFileSync(join(run.dir, 'three'), 'utf8')).toBe('a\n\n');
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
