import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { statModule } from '../../modules/stat.js';
import { run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-stat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function statOf(args: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await run(statModule, args)).stat as Record<string, unknown>;
}

describe('stat', () => {
  test('a regular file gets every key Ansible reports, with the sha1 checksum and MIME type', async () => {
    const path = join(dir, 'foo.txt');
    writeFileSync(path, 'hello world', { mode: 0o640 });
    const stat = await statOf({ path });
    for (const key of [
      'dev',
      'inode',
      'pw_name',
      'gr_name',
      'rusr',
      'wgrp',
      'xoth',
      'device_type',
      'attr_flags',
    ])
      expect(stat).toHaveProperty(key);
    expect(stat).toMatchObject({
      exists: true,
      mode: '0640',
      isreg: true,
      rusr: true,
      rgrp: true,
      roth: false,
      checksum: '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed',
      mimetype: 'text/plain',
      charset: 'us-ascii',
    });
  });

  test('a symbolic link not followed has its source and target, and no checksum', async () => {
    const link = join(dir, 'link');
    symlinkSync(join(dir, 'foo.txt'), link);
    const stat = await statOf({ path: link });
    expect(stat).toMatchObject({ islnk: true, lnk_target: join(dir, 'foo.txt'), mimetype: 'inode/symlink' });
    expect(stat).not.toHaveProperty('checksum');
    const followed = await statOf({ path: link, follow: true, checksum_algorithm: 'sha224' });
    expect(followed.checksum).toHaveLength(56);
  });

  test('a missing path is reported with `exists: false` only and no message', async () => {
    expect(await run(statModule, { path: join(dir, 'missing') })).toEqual({
      changed: false,
      stat: { exists: false },
    });
  });
});

describe('stat paths', () => {
  test('expands ~ and $VARS in path on the host, as Ansible path arguments are', async () => {
    const home = await statOf({ path: '~', get_checksum: false, get_mime: false, get_attributes: false });
    expect(home).toMatchObject({ exists: true, isdir: true, path: homedir() });
    const viaVar = await statOf({ path: '$HOME', get_mime: false, get_attributes: false });
    expect(viaVar).toMatchObject({ exists: true, path: process.env.HOME });
  });
});
