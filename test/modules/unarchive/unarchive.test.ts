import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type UnarchiveState, unarchiveModule } from '../../../modules/unarchive/unarchive.js';
import { run, snapshot } from '../support.js';

let dir: string;
let tree: string;
let dest: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-unarchive-'));
  tree = join(dir, 'tree');
  mkdirSync(join(tree, 'app', 'conf'), { recursive: true });
  writeFileSync(join(tree, 'app', 'run.sh'), '#!/bin/sh\necho run\n');
  chmodSync(join(tree, 'app', 'run.sh'), 0o755);
  writeFileSync(join(tree, 'app', 'conf', 'a b.ini'), 'port = 8080\n');
  writeFileSync(join(tree, 'app', 'notes.log'), 'log\n');
  dest = join(dir, 'dest');
  mkdirSync(dest);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function archive(name: string, argv: string[]): string {
  const path = join(dir, name);
  execFileSync(argv[0], [...argv.slice(1).map((a) => a.replace('%', path))], { cwd: tree });
  return path;
}

describe('unarchive', () => {
  test('extracts a .tar.gz on the host, lists its files, and reports no change on a second run', async () => {
    const src = archive('app.tgz', ['tar', '-czf', '%', 'app']);
    const first = await run(unarchiveModule, { src, dest, remote_src: true, list_files: true });
    expect(first).toMatchObject({ changed: true, dest, src, handler: 'TgzArchive' });
    expect(first.files).toEqual(expect.arrayContaining(['app/', 'app/run.sh', 'app/conf/a b.ini']));
    expect(readFileSync(join(dest, 'app', 'conf', 'a b.ini'), 'utf8')).toBe('port = 8080\n');
    expect(statSync(join(dest, 'app', 'run.sh')).mode & 0o777).toBe(0o755);
    const second = await run(unarchiveModule, { src, dest, remote_src: true });
    expect(second).toMatchObject({ changed: false, msg: `${dest} already holds the 5 members of ${src}` });
    writeFileSync(join(dest, 'app', 'run.sh'), 'edited\n');
    const third = await run(unarchiveModule, { src, dest, remote_src: true });
    expect(third.changed).toBe(true);
    expect(third.msg).toContain('app/run.sh: Size differs');
    expect(readFileSync(join(dest, 'app', 'run.sh'), 'utf8')).toBe('#!/bin/sh\necho run\n');
    expect(readdirSync(dest)).toEqual(['app']);
  });

  test('tells plain, bzip2 and xz tar archives apart by content, not by name', async () => {
    const kinds: Array<[string, string]> = [
      ['-cf', 'TarArchive'],
      ['-cjf', 'TarBzipArchive'],
      ['-cJf', 'TarXzArchive'],
    ];
    for (const [flag, handler] of kinds) {
      const src = archive(`misnamed${flag}.zip`, ['tar', flag, '%', 'app']);
      const out = join(dest, handler);
      mkdirSync(out);
      expect(await run(unarchiveModule, { src, dest: out, remote_src: true })).toMatchObject({
        changed: true,
        handler,
      });
      expect(existsSync(join(out, 'app', 'run.sh'))).toBe(true);
      expect((await run(unarchiveModule, { src, dest: out, remote_src: true })).changed).toBe(false);
    }
  });

  test('extracts a zip, keeps its modes, and is idempotent', async () => {
    const src = archive('app.zip', ['zip', '-qr', '%', 'app']);
    expect(await run(unarchiveModule, { src, dest, remote_src: true })).toMatchObject({
      changed: true,
      handler: 'ZipArchive',
    });
    expect(statSync(join(dest, 'app', 'run.sh')).mode & 0o777).toBe(0o755);
    const second = await run(unarchiveModule, { src, dest, remote_src: true });
    expect(second).toMatchObject({ changed: false });
    writeFileSync(join(dest, 'app', 'notes.log'), 'LOG\n');
    const third = await run(unarchiveModule, { src, dest, remote_src: true });
    expect(third.msg).toContain('app/notes.log: Contents differ');
    expect(readFileSync(join(dest, 'app', 'notes.log'), 'utf8')).toBe('log\n');
  });

  test('takes controller bytes sent inline, honours include/exclude, mode and creates', async () => {
    const path = archive('app.tar', ['tar', '-cf', '%', 'app']);
    const a = { src: 'app.tar', _src_path: path, _data: readFileSync(path), dest, exclude: ['*.log'] };
    const first = await run(unarchiveModule, { ...a, mode: 'u=rwX,go=rX', list_files: true });
    expect(first.changed).toBe(true);
    expect(first.files).not.toContain('app/notes.log');
    expect(existsSync(join(dest, 'app', 'notes.log'))).toBe(false);
    expect(statSync(join(dest, 'app', 'conf', 'a b.ini')).mode & 0o777).toBe(0o644);
    expect((await run(unarchiveModule, { ...a, mode: 'u=rwX,go=rX' })).changed).toBe(false);
    const withMode = await run(unarchiveModule, { ...a, mode: '0600' });
    expect(withMode).toMatchObject({
      changed: true,
      msg: `${dest}: mode or owner of 4 member(s) will be set`,
    });
    expect(statSync(join(dest, 'app', 'run.sh')).mode & 0o777).toBe(0o600);
    const skipped = await run(unarchiveModule, { ...a, creates: join(dest, 'app') });
    expect(skipped).toMatchObject({ changed: false, msg: `${join(dest, 'app')} exists` });
  });

  test('check mode reports the change and touches nothing', async () => {
    const src = archive('app.tgz', ['tar', '-czf', '%', 'app']);
    const before = snapshot(dest);
    const result = await run(unarchiveModule, { src, dest, remote_src: true }, { check: true });
    expect(result).toMatchObject({ changed: true, handler: 'TgzArchive' });
    expect(result.msg).toContain('app/run.sh: missing');
    expect(snapshot(dest)).toEqual(before);
  });

  test('refuses members with absolute paths or .. and leaves dest untouched', async () => {
    const dotdot = archive('dotdot.tar', ['tar', '-cf', '%', '--transform', 's,^,../,', 'app/run.sh']);
    const refused = await run(unarchiveModule, { src: dotdot, dest, remote_src: true });
    expect(refused).toMatchObject({ failed: true });
    expect(refused.msg).toBe(
      `unarchive: refusing ${dotdot}: member ../app/run.sh contains \`..\` (path traversal out of dest)`,
    );
    const absolute = archive('abs.tar', ['tar', '-cPf', '%', join(tree, 'app', 'run.sh')]);
    expect((await run(unarchiveModule, { src: absolute, dest, remote_src: true })).msg).toContain(
      'is an absolute path',
    );
    const zipped = join(dir, 'dd.zip');
    execFileSync('zip', ['-q', zipped, '../notes.log'], { cwd: join(tree, 'app', 'conf') });
    expect((await run(unarchiveModule, { src: zipped, dest, remote_src: true })).msg).toContain(
      'contains `..`',
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  test('a corrupt archive fails naming the tool and leaves no temp directory behind', async () => {
    const good = readFileSync(archive('app.tgz', ['tar', '-czf', '%', 'app']));
    const src = join(dir, 'broken.tgz');
    writeFileSync(src, good.subarray(0, good.length / 2));
    const result = await run(unarchiveModule, { src, dest, remote_src: true });
    expect(result.failed).toBe(true);
    expect(result.msg).toMatch(/^unarchive: `tar /);
    expect(readdirSync(dest)).toEqual([]);
    const missing = await run(unarchiveModule, { src: join(dir, 'nope.tgz'), dest, remote_src: true });
    expect(missing.msg).toBe(`unarchive: source ${join(dir, 'nope.tgz')} does not exist on the host`);
  });

  test('plans from fixtures: extraction names the first differences', () => {
    const a = unarchiveModule.args.parse({ src: 's.tgz', dest: '/d' });
    const state: UnarchiveState = {
      created: false,
      members: [],
      differences: ['a: missing', 'b: Size differs', 'c: Mode differs', 'd: missing'],
      attributes: [],
    };
    expect(unarchiveModule.plan(a, state, { check: false, diff: false })).toEqual({
      steps: [{ do: 'extract' }],
      reason: 's.tgz will be extracted into /d: a: missing; b: Size differs; c: Mode differs (and 1 more)',
    });
  });
});
