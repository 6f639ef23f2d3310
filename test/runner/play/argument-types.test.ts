import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { playTasks } from '../../modules/play-support.js';

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('module arguments written as text are converted like Ansible', () => {
  test('k=v booleans and numbers and quoted YAML booleans reach the modules as booleans and numbers', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-argtypes-'));
    writeFileSync(join(work, 'kept.txt'), 'original\n');
    const { exitCode, stats, results } = await playTasks(
      work,
      [
        '- lineinfile: path={{ work }}/new.txt line=a create=yes',
        '- copy: content=replaced dest={{ work }}/kept.txt force=no',
        '- wait_for: path={{ work }}/new.txt timeout=5',
        '- file: path={{ work }}/tree state=directory recurse=yes',
        '- copy:',
        '    content: "forced\\n"',
        '    dest: "{{ work }}/forced.txt"',
        '    force: "yes"',
        '- lineinfile:',
        '    path: "{{ work }}/quoted.txt"',
        '    line: 42',
        '    create: "Yes"',
        '    backup: "off"',
        '- command: echo {{ flag }}',
        '  vars: { flag: "{{ \'on\' }}" }',
        '- copy: content=x dest={{ work }}/templated.txt force={{ "no" }}',
      ].join('\n'),
    );
    expect(results.map((r) => r.msg).filter((m) => m?.includes('invalid'))).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'new.txt'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(work, 'kept.txt'), 'utf8')).toBe('original\n');
    expect(readFileSync(join(work, 'forced.txt'), 'utf8')).toBe('forced\n');
    expect(readFileSync(join(work, 'quoted.txt'), 'utf8')).toBe('42\n');
    expect(readFileSync(join(work, 'templated.txt'), 'utf8')).toBe('x');
    expect(stats.failed).toBe(0);
  });

  test('a value that is no boolean still fails with the argument named', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-argtypes-'));
    const { exitCode, results } = await playTasks(
      work,
      '- lineinfile: path={{ work }}/x line=a create={{ "maybe" }}',
    );
    expect(exitCode).not.toBe(0);
    expect(results[0].msg).toContain('create');
  });
});
