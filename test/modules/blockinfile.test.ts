import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { blockinfileModule, editBlock } from '../../modules/blockinfile.js';
import { run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-blockinfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaults = {
  marker: '# {mark} ANSIBLE MANAGED BLOCK',
  marker_begin: 'BEGIN',
  marker_end: 'END',
} as const;

describe('blockinfile as Ansible’s', () => {
  test('a (?m) insertafter pattern is searched in the whole file and may span lines', () => {
    expect(
      editBlock('a\nSID =\n(X\nb\n', {
        ...defaults,
        state: 'present',
        block: 'new',
        insertafter: '(?m)SID =\\n\\(X',
      }),
    ).toBe('a\nSID =\n(X\n# BEGIN ANSIBLE MANAGED BLOCK\nnew\n# END ANSIBLE MANAGED BLOCK\nb\n');
  });

  test('messages: Block inserted (and the attributes), Block removed, then nothing; a missing file fails with rc 257', async () => {
    const path = join(dir, 'conf');
    writeFileSync(path, 'a\nb\n', { mode: 0o644 });
    expect(await run(blockinfileModule, { path, insertbefore: 'b', block: 'x\ny', mode: '0600' })).toEqual({
      changed: true,
      msg: 'Block inserted and ownership, perms or SE linux context changed',
    });
    expect(readFileSync(path, 'utf8')).toBe(
      'a\n# BEGIN ANSIBLE MANAGED BLOCK\nx\ny\n# END ANSIBLE MANAGED BLOCK\nb\n',
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await run(blockinfileModule, { path, state: 'absent' })).toMatchObject({
      changed: true,
      msg: 'Block removed',
    });
    expect(await run(blockinfileModule, { path, state: 'absent' })).toEqual({ changed: false });
    expect(await run(blockinfileModule, { path: join(dir, 'nope'), block: 'x' })).toMatchObject({
      failed: true,
      rc: 257,
      msg: `Path ${join(dir, 'nope')} does not exist !`,
    });
  });

  test('create makes the folders and the file: File created', async () => {
    const path = join(dir, 'new/sub/file');
    expect(await run(blockinfileModule, { path, create: true, block: 'x' })).toMatchObject({
      changed: true,
      msg: 'File created',
    });
    expect(readFileSync(path, 'utf8')).toBe(
      '# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n',
    );
  });
});
