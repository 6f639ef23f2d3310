import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { replaceModule, section } from '../../modules/replace.js';
import { run, snapshot } from './support.js';

const text = 'a=1\n[one]\na=2\n[two]\na=3\n[two]\na=4\n';

describe('replace: the section after/before select, as Ansible', () => {
  const cases: Array<[string, string | undefined, string | undefined, string]> = [
    ['no after/before: the whole file', undefined, undefined, text],
    ['after and before: first after up to the first following before', '\\[one\\]', '\\[two\\]', '\na=2\n'],
    ['after only: from the first after to the end', '\\[two\\]', undefined, '\na=3\n[two]\na=4\n'],
    [
      'before only: from the start up to the last before (greedy)',
      undefined,
      '\\[two\\]',
      'a=1\n[one]\na=2\n[two]\na=3\n',
    ],
    ['patterns span lines (DOTALL)', 'one\\].a', 'a=3', '=2\n[two]\n'],
  ];
  for (const [title, after, before, expected] of cases) {
    test(title, () => {
      const range = section(text, after, before);
      expect(typeof range).not.toBe('string');
      const [start, end] = range as [number, number];
      expect(text.slice(start, end)).toBe(expected);
    });
  }

  test('reports the combined pattern when it does not match', () => {
    expect(section(text, '\\[three\\]', '\\[two\\]')).toBe('\\[three\\](?P<subsection>.*?)\\[two\\]');
  });
});

describe('replace on disk', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('edits only the section between after and before, once; check mode writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    const path = join(dir, 'app.ini');
    writeFileSync(path, text);
    const args = { path, regexp: '^a=\\d$', replace: 'a=0', after: '\\[one\\]', before: '\\[two\\]' };
    const before = snapshot(dir);
    expect(await run(replaceModule, args, { check: true })).toMatchObject({ changed: true });
    expect(snapshot(dir)).toEqual(before);
    expect(await run(replaceModule, args)).toMatchObject({ changed: true, msg: '1 replacements made' });
    expect(readFileSync(path, 'utf8')).toBe('a=1\n[one]\na=0\n[two]\na=3\n[two]\na=4\n');
    expect(await run(replaceModule, args)).toMatchObject({ changed: false });
  });

  test("an after/before that matches nothing changes nothing, with Ansible's message", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    const path = join(dir, 'app.ini');
    writeFileSync(path, text);
    expect(await run(replaceModule, { path, regexp: 'a', after: 'nope' })).toMatchObject({
      changed: false,
      msg: 'Pattern for before/after params did not match the given file: nope(?P<subsection>.*)',
    });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  test('encoding reads and writes the file in that codec', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    const path = join(dir, 'latin.txt');
    writeFileSync(path, Buffer.from('caf\xe9 = old\n', 'latin1'));
    const args = { path, regexp: 'old', replace: 'n\xe9w', encoding: 'latin-1' };
    expect(await run(replaceModule, args)).toMatchObject({ changed: true });
    expect(readFileSync(path)).toEqual(Buffer.from('caf\xe9 = n\xe9w\n', 'latin1'));
    expect(await run(replaceModule, args)).toMatchObject({ changed: false });
    expect(await run(replaceModule, { ...args, encoding: 'klingon' })).toMatchObject({
      failed: true,
      msg: 'replace: unsupported encoding klingon',
    });
  });

  test("a directory or a missing path fails with Ansible's messages and rc", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    expect(await run(replaceModule, { path: dir, regexp: 'x' })).toMatchObject({
      failed: true,
      rc: 256,
      msg: `Path ${dir} is a directory !`,
    });
    expect(await run(replaceModule, { path: join(dir, 'gone'), regexp: 'x' })).toMatchObject({
      failed: true,
      rc: 257,
      msg: `Path ${join(dir, 'gone')} does not exist !`,
    });
  });

  test('mode is set like the file module, and reported after the replacements; rc is always 0', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    const path = join(dir, 'app.ini');
    writeFileSync(path, text, { mode: 0o644 });
    expect(await run(replaceModule, { path, regexp: 'a=1', replace: 'a=9', mode: '0600' })).toEqual({
      changed: true,
      rc: 0,
      msg: '1 replacements made and ownership, perms or SE linux context changed',
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await run(replaceModule, { path, regexp: 'nothing' })).toEqual({ changed: false, rc: 0 });
  });

  test('a link is followed: the file it points to is edited and the link stays', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-replace-'));
    writeFileSync(join(dir, 'real.ini'), text);
    symlinkSync('real.ini', join(dir, 'link.ini'));
    expect(
      await run(replaceModule, { path: join(dir, 'link.ini'), regexp: 'a=4', replace: 'a=5' }),
    ).toMatchObject({
      changed: true,
    });
    expect(lstatSync(join(dir, 'link.ini')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.ini'), 'utf8')).toContain('a=5');
  });
});
