import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findModule } from '../../modules/find.js';
import { run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-find-'));
beforeAll(() => {
  for (const d of ['a/b/c/d', 'e/f/g/h', '.hidden']) mkdirSync(join(dir, d), { recursive: true });
  for (const f of [
    'a/1.txt',
    'a/b/2.jpg',
    'a/b/c/3',
    'a/b/c/d/4.xml',
    'e/5.json',
    'e/f/6.swp',
    'e/f/g/7.img',
  ])
    writeFileSync(join(dir, f), 'data');
  writeFileSync(join(dir, '.hidden/9.txt'), 'data');
  symlinkSync(join(dir, 'a'), join(dir, 'link-to-a'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = (result: Record<string, unknown>) =>
  (result.files as Array<{ path: string }>).map((f) => f.path.slice(dir.length + 1)).sort();

describe('find walks as Ansible’s os.walk does', () => {
  test('examined counts every entry of every folder walked, hidden ones too; a link to a folder is neither entered nor a folder', async () => {
    const result = await run(findModule, { paths: dir, file_type: 'directory', recurse: true });
    expect(result).toMatchObject({
      changed: false,
      msg: 'All paths examined',
      matched: 8,
      skipped_paths: {},
    });
    // 4 at the top (a, e, .hidden, link-to-a) + a:2 + b:2 + c:2 + d:1 + .hidden:1 + e:2 + f:2 + g:2 + h:0
    expect(result.examined).toBe(18);
    expect(names(result)).not.toContain('link-to-a');
    expect(names(result)).not.toContain('.hidden');
  });

  test('depth limits how far below the path entries are looked at; only the base name decides what is hidden', async () => {
    const result = await run(findModule, { paths: dir, patterns: '*', recurse: true, depth: 2 });
    expect(names(result)).toEqual(['.hidden/9.txt', 'a/1.txt', 'e/5.json']);
  });

  test('use_regex patterns match from the start of the name (re.match), excludes remove matches', async () => {
    const result = await run(findModule, {
      paths: dir,
      recurse: true,
      use_regex: true,
      patterns: ['\\d\\.'],
      excludes: ['[2-5]'],
    });
    expect(names(result)).toEqual(['.hidden/9.txt', 'a/1.txt', 'e/f/6.swp', 'e/f/g/7.img']);
  });

  test('a path that is not a folder is skipped with a warning, and the others still examined', async () => {
    const result = await run(findModule, { paths: [join(dir, 'a/1.txt'), join(dir, 'e')] });
    expect(result.msg).toBe('Not all paths examined, check warnings for details');
    expect(result.skipped_paths).toEqual({
      [join(dir, 'a/1.txt')]: `'${join(dir, 'a/1.txt')}' is not a directory`,
    });
    expect(names(result)).toEqual(['e/5.json']);
  });

  test('a size or age Ansible cannot read fails with its message', async () => {
    expect(await run(findModule, { paths: dir, size: '10x' })).toMatchObject({
      failed: true,
      msg: 'failed to process size',
    });
  });
});
