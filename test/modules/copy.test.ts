import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { copyModule } from '../../modules/copy.js';
import { templateModule } from '../../modules/template.js';
import { run, snapshot } from './support.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('copy', () => {
  test('writes content with a mode, reports sha1 like Ansible, then reports no change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'c1.txt');
    const first = await run(copyModule, { content: 'hello\n', dest, mode: '0644' });
    expect(first).toMatchObject({
      changed: true,
      checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f',
      size: 6,
    });
    expect(readFileSync(dest, 'utf8')).toBe('hello\n');
    expect(statSync(dest).mode & 0o777).toBe(0o644);
    const second = await run(copyModule, { content: 'hello\n', dest, mode: '0644' });
    expect(second).toMatchObject({
      changed: false,
      msg: `${dest} already has the wanted content and mode 0644`,
    });
  });

  test('keeps an existing file when force is off', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'settings.ini');
    writeFileSync(dest, 'edited\n');
    expect(await run(copyModule, { content: 'original\n', dest, force: false })).toMatchObject({
      changed: false,
    });
    expect(readFileSync(dest, 'utf8')).toBe('edited\n');
  });

  test('uses controller bytes passed inline and keeps a backup of the old file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'beta.sh');
    writeFileSync(dest, 'old\n');
    const result = await run(copyModule, {
      src: 'beta.sh',
      _src_path: '/ctl/beta.sh',
      _data: Buffer.from('#!/bin/sh\n'),
      dest,
      mode: '0755',
      backup: true,
    });
    expect(result.changed).toBe(true);
    expect(readFileSync(dest, 'utf8')).toBe('#!/bin/sh\n');
    expect(readFileSync(result.backup_file as string, 'utf8')).toBe('old\n');
  });

  test('reports a content diff in diff mode and changes nothing in check mode', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'x');
    writeFileSync(dest, 'one\n');
    const before = snapshot(dir);
    const result = await run(copyModule, { content: 'two\n', dest }, { check: true, diff: true });
    expect(result.changed).toBe(true);
    expect(result.diff).toEqual([{ path: dest, kind: 'content', before: 'one\n', after: 'two\n' }]);
    expect(snapshot(dir)).toEqual(before);
  });

  test('names the path and the cause when it cannot write', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const result = await run(copyModule, { content: 'x', dest: join(dir, 'missing', 'x') });
    expect(result.failed).toBe(true);
    expect(result.msg).toMatch(/^copy: .*missing.*\(ENOENT\)$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('template writes the rendered text it receives from the controller', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'app.conf');
    expect((await run(templateModule, { src: 'app.conf.j2', dest, _content: 'port = 8080\n' })).changed).toBe(
      true,
    );
    expect((await run(templateModule, { src: 'app.conf.j2', dest, _content: 'port = 8080\n' })).changed).toBe(
      false,
    );
    expect(readFileSync(dest, 'utf8')).toBe('port = 8080\n');
  });
});
