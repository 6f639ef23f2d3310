import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fileModule } from '../../../modules/file/file.js';
import { run } from '../support.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-file-times-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file modification_time and access_time', () => {
  test('touch with a modification_time in the default format sets it (local time); access_time defaults to now', async () => {
    const path = join(dir, 'old.txt');
    expect(
      (await run(fileModule, { path, state: 'touch', modification_time: '202001011200.0' })).changed,
    ).toBe(true);
    const st = statSync(path);
    expect(st.mtime.getTime()).toBe(new Date(2020, 0, 1, 12, 0, 0).getTime());
    expect(Date.now() - st.atime.getTime()).toBeLessThan(60_000);
  });

  test('preserve for both leaves an existing file untouched and unchanged', async () => {
    const path = join(dir, 'old.txt');
    const before = statSync(path).mtime.getTime();
    const result = await run(fileModule, {
      path,
      state: 'touch',
      modification_time: 'preserve',
      access_time: 'preserve',
    });
    expect(result.changed).toBe(false);
    expect(statSync(path).mtime.getTime()).toBe(before);
  });

  test('a time not in the format fails naming it', async () => {
    expect(
      await run(fileModule, { path: join(dir, 'x'), state: 'touch', modification_time: 'yesterday' }),
    ).toMatchObject({
      failed: true,
    });
  });
});
