import { chownSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { backupCopy } from '../../../modules/host/backup-copy.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a backup copy', () => {
  test("keeps the original's content, mode and times, and its owner when the process may give it", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-backup-'));
    const path = join(dir, 'app.conf');
    writeFileSync(path, 'old\n', { mode: 0o751 });
    utimesSync(path, new Date('2020-01-02T03:04:05Z'), new Date('2021-01-02T03:04:05Z'));
    const root = process.getuid?.() === 0;
    if (root) chownSync(path, 12345, 23456);
    const backup = await backupCopy(path);
    expect(backup).toMatch(/app\.conf\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$/);
    expect(readFileSync(backup, 'utf8')).toBe('old\n');
    const copied = statSync(backup);
    expect(copied.mode & 0o777).toBe(0o751);
    expect(copied.mtime.toISOString()).toBe('2021-01-02T03:04:05.000Z');
    if (root) expect([copied.uid, copied.gid]).toEqual([12345, 23456]);
  });
});
