import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { fileModule } from '../../../modules/file/file.js';
import { run, snapshot } from '../support.js';

const plan = (args: Record<string, unknown>, state: Record<string, unknown>) =>
  fileModule.plan(fileModule.args.parse(args), state as never, { check: false, diff: false });

describe('file: plans from fake state', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[], string]> = [
    [
      'creates a missing directory',
      { path: '/x', state: 'directory' },
      { exists: false },
      ['mkdir'],
      '/x: mkdir',
    ],
    [
      'leaves an existing directory with the right mode',
      { path: '/x', state: 'directory', mode: '0755' },
      { exists: true, kind: 'directory', mode: 0o755 },
      [],
      '/x is already a directory with mode 0755',
    ],
    [
      'changes only the mode',
      { path: '/x', state: 'directory', mode: '0700' },
      { exists: true, kind: 'directory', mode: 0o755 },
      ['chmod'],
      '/x: chmod',
    ],
    [
      'removes what exists for state=absent',
      { path: '/x', state: 'absent' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['remove'],
      '/x will be removed',
    ],
    [
      'does nothing for an absent path that should be absent',
      { path: '/x', state: 'absent' },
      { exists: false },
      [],
      '/x is already absent',
    ],
    [
      'touch with preserved times leaves an existing file alone',
      { path: '/x', state: 'touch', modification_time: 'preserve', access_time: 'preserve' },
      { exists: true, kind: 'file', mode: 0o644 },
      [],
      '/x is already a file',
    ],
    [
      'touch without preserve updates the times',
      { path: '/x', state: 'touch' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['times'],
      '/x: times',
    ],
    [
      'accepts dest and name as aliases of path',
      { dest: '/y', state: 'directory' },
      { exists: false },
      ['mkdir'],
      '/y: mkdir',
    ],
    [
      'applies a symbolic mode to the current one',
      { path: '/x', state: 'file', mode: 'g+w,o-r' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['chmod'],
      '/x: chmod',
    ],
  ];
  for (const [title, args, state, steps, reason] of cases) {
    test(title, () => {
      const result = plan(args, state);
      expect(result.steps.map((s) => s.do)).toEqual(steps);
      expect(result.reason).toBe(reason);
    });
  }

  test('rejects unknown arguments and bad modes', () => {
    expect(fileModule.args.safeParse({ path: '/x', stat: 'directory' }).success).toBe(false);
    expect(fileModule.args.safeParse({ path: '/x', mode: '999' }).success).toBe(false);
  });
});

describe('file: real runs', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('creates a directory with a mode, then reports no change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    const target = join(dir, 'a', 'b');
    expect(await run(fileModule, { path: target, state: 'directory', mode: '0750' })).toMatchObject({
      changed: true,
    });
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(await run(fileModule, { path: target, state: 'directory', mode: '0750' })).toMatchObject({
      changed: false,
      msg: `${target} is already a directory with mode 0750`,
    });
  });

  test('touch with preserved times is idempotent like Ansible', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    const args = {
      path: join(dir, 't'),
      state: 'touch',
      mode: '0640',
      modification_time: 'preserve',
      access_time: 'preserve',
    };
    expect((await run(fileModule, args)).changed).toBe(true);
    expect(statSync(args.path).mode & 0o777).toBe(0o640);
    expect((await run(fileModule, args)).changed).toBe(false);
  });

  test("fails for state=file on a missing path or a directory, with Ansible's messages", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    expect(await run(fileModule, { path: join(dir, 'nope') })).toMatchObject({
      changed: false,
      failed: true,
      msg: `file (${join(dir, 'nope')}) is absent, cannot continue`,
    });
    expect(await run(fileModule, { path: dir, state: 'file' }, { check: true })).toMatchObject({
      failed: true,
      msg: `file (${dir}) is directory, cannot continue`,
    });
    writeFileSync(join(dir, 'f'), 'x');
    expect(await run(fileModule, { path: join(dir, 'f'), state: 'directory' })).toMatchObject({
      failed: true,
      msg: `${join(dir, 'f')} already exists as a file`,
    });
  });

  test('state=file follows a link to set the mode of its target, idempotently', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    writeFileSync(join(dir, 'real'), 'x', { mode: 0o644 });
    await run(fileModule, { path: join(dir, 'ln'), src: join(dir, 'real'), state: 'link' });
    const args = { path: join(dir, 'ln'), state: 'file', mode: '0600' };
    expect(await run(fileModule, args)).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'real')).mode & 0o777).toBe(0o600);
    expect(await run(fileModule, args)).toMatchObject({ changed: false });
  });

  test('state=link re-points an existing link, and replaces a file only with force', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    mkdirSync(join(dir, 'v1'));
    mkdirSync(join(dir, 'v2'));
    const link = (src: string, extra: Record<string, unknown> = {}) =>
      run(fileModule, { path: join(dir, 'current'), src: join(dir, src), state: 'link', ...extra });
    expect(await link('v1')).toMatchObject({ changed: true });
    expect(await link('v2', {}).then((r) => r.changed)).toBe(true);
    expect(readlinkSync(join(dir, 'current'))).toBe(join(dir, 'v2'));
    expect(await link('v2')).toMatchObject({
      changed: false,
      msg: `${join(dir, 'current')} is already a link to ${join(dir, 'v2')}`,
    });
    const before = snapshot(dir);
    expect(
      await run(
        fileModule,
        { path: join(dir, 'current'), src: join(dir, 'v1'), state: 'link' },
        { check: true },
      ),
    ).toMatchObject({ changed: true });
    expect(snapshot(dir)).toEqual(before);
    expect(readlinkSync(join(dir, 'current'))).toBe(join(dir, 'v2'));

    writeFileSync(join(dir, 'plain'), 'x');
    const onFile = { path: join(dir, 'plain'), src: join(dir, 'v1'), state: 'link' };
    expect(await run(fileModule, onFile)).toMatchObject({
      failed: true,
      msg: `refusing to convert from file to symlink for ${join(dir, 'plain')}`,
    });
    expect(await run(fileModule, { ...onFile, force: true })).toMatchObject({ changed: true });
    expect(lstatSync(join(dir, 'plain')).isSymbolicLink()).toBe(true);
    expect(
      await run(fileModule, { path: join(dir, 'dangling'), src: 'missing', state: 'link' }),
    ).toMatchObject({
      failed: true,
      msg: `src file does not exist, use "force=yes" if you really want to create the link: ${join(dir, 'missing')}`,
    });
  });

  test('state=hard makes a real hard link, changed only when the inode differs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    writeFileSync(join(dir, 'src'), 'data');
    writeFileSync(join(dir, 'other'), 'else');
    const hard = { path: join(dir, 'dst'), src: join(dir, 'src'), state: 'hard' };
    expect(await run(fileModule, hard)).toMatchObject({ changed: true, state: 'hard' });
    expect(lstatSync(join(dir, 'dst')).isSymbolicLink()).toBe(false);
    expect(statSync(join(dir, 'dst')).ino).toBe(statSync(join(dir, 'src')).ino);
    expect(await run(fileModule, hard)).toMatchObject({ changed: false });
    const onOther = { path: join(dir, 'other'), src: join(dir, 'src'), state: 'hard' };
    expect(await run(fileModule, onOther)).toMatchObject({
      failed: true,
      msg: 'Cannot link, file exists at destination',
    });
    expect(await run(fileModule, { ...onOther, force: true })).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'other')).ino).toBe(statSync(join(dir, 'src')).ino);
  });

  test('check mode reports the change and touches nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    writeFileSync(join(dir, 'f'), 'x', { mode: 0o644 });
    const before = snapshot(dir);
    expect(await run(fileModule, { path: join(dir, 'f'), mode: '0600' }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(
      await run(fileModule, { path: join(dir, 'new'), state: 'directory' }, { check: true }),
    ).toMatchObject({ changed: true });
    expect(await run(fileModule, { path: join(dir, 'f'), state: 'absent' }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});

describe('file: recurse and dangling links', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('recurse applies a symbolic mode below the directory, changed only when something differed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    mkdirSync(join(dir, 'tree', 'sub'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'tree', 'sub', 'data'), 'x', { mode: 0o600 });
    writeFileSync(join(dir, 'tree', 'tool'), 'x', { mode: 0o700 });
    const args = { path: join(dir, 'tree'), state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=rX' };
    const before = snapshot(dir);
    const checked = await run(fileModule, args, { check: true, diff: true });
    expect(checked).toMatchObject({ changed: true });
    expect(snapshot(dir)).toEqual(before);
    // As Ansible's: the diff names the directory's own mode; what changes below it is not listed.
    const path = join(dir, 'tree');
    expect(checked.diff).toEqual({ before: { path, mode: '0700' }, after: { path, mode: '0755' } });
    expect(await run(fileModule, args)).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'tree', 'sub')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(dir, 'tree', 'sub', 'data')).mode & 0o7777).toBe(0o644);
    expect(statSync(join(dir, 'tree', 'tool')).mode & 0o7777).toBe(0o755);
    expect(await run(fileModule, args)).toMatchObject({ changed: false });
  });

  test('recurse without state means a directory; with another state it fails as in Ansible', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    writeFileSync(join(dir, 'f'), 'x', { mode: 0o600 });
    expect(await run(fileModule, { path: dir, recurse: true, mode: '0755' })).toMatchObject({
      changed: true,
    });
    expect(statSync(join(dir, 'f')).mode & 0o7777).toBe(0o755);
    expect(await run(fileModule, { path: join(dir, 'f'), state: 'file', recurse: true })).toMatchObject({
      failed: true,
      msg: "recurse option requires state to be 'directory'",
    });
  });

  test('recurse follows links to their targets unless follow is off', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    mkdirSync(join(dir, 'tree'));
    writeFileSync(join(dir, 'target'), 'x', { mode: 0o600 });
    symlinkSync('../target', join(dir, 'tree', 'ln'));
    const args = { path: join(dir, 'tree'), state: 'directory', recurse: true, mode: '0640' };
    expect(await run(fileModule, { ...args, follow: false })).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'target')).mode & 0o7777).toBe(0o600);
    expect(await run(fileModule, { ...args, follow: false })).toMatchObject({ changed: false });
    expect(await run(fileModule, args)).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'target')).mode & 0o7777).toBe(0o640);
  });

  test('state=directory on a dangling link creates the link target, as Ansible does', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    symlinkSync('real/deep', join(dir, 'ln'));
    const args = { path: join(dir, 'ln'), state: 'directory', mode: '0750' };
    expect(await run(fileModule, args, { check: true })).toMatchObject({ changed: true });
    expect(existsSync(join(dir, 'real'))).toBe(false);
    expect(await run(fileModule, args)).toMatchObject({ changed: true });
    expect(statSync(join(dir, 'real', 'deep')).isDirectory()).toBe(true);
    expect(statSync(join(dir, 'real', 'deep')).mode & 0o7777).toBe(0o750);
    expect(lstatSync(join(dir, 'ln')).isSymbolicLink()).toBe(true);
    expect(await run(fileModule, args)).toMatchObject({ changed: false });
  });
});

describe('file: _diff_peek', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-diff-peek-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('only says whether the file looks binary, changing nothing, as Ansible does', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, 'plain text\n', { mode: 0o600 });
    expect(await run(fileModule, { path, _diff_peek: true })).toEqual({
      changed: false,
      path,
      appears_binary: false,
    });
    writeFileSync(path, Buffer.from([0x41, 0x00, 0x42]));
    expect((await run(fileModule, { path, _diff_peek: true, mode: '0644' })).appears_binary).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    rmSync(path);
    expect((await run(fileModule, { path, _diff_peek: true })).appears_binary).toBe(false);
  });
});

describe('file: results as Ansible returns them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-file-result-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('re-pointing a link returns dest, src and a diff of the old and new src', async () => {
    writeFileSync(join(dir, 'target'), 'x');
    const link = join(dir, 'soft');
    await run(fileModule, { path: link, src: join(dir, 'target'), state: 'link' });
    const result = await run(fileModule, { path: link, src: 'target', state: 'link' });
    expect(result).toMatchObject({
      changed: true,
      dest: link,
      src: 'target',
      state: 'link',
      diff: { before: { path: link, src: join(dir, 'target') }, after: { path: link, src: 'target' } },
    });
    expect(result).not.toHaveProperty('path');
    const again = await run(fileModule, { path: link, src: 'target', state: 'link' });
    expect(again).toMatchObject({ changed: false, diff: { before: { path: link }, after: { path: link } } });
  });

  test('a new directory reports its state change, and the path facts AnsibleModule adds', async () => {
    const path = join(dir, 'made');
    const result = await run(fileModule, { path, state: 'directory', mode: '0750' });
    expect(result).toMatchObject({
      changed: true,
      path,
      state: 'directory',
      mode: '0750',
      uid: process.getuid?.(),
      diff: { before: { path, state: 'absent' }, after: { path, state: 'directory', mode: '0750' } },
    });
    expect(typeof result.owner).toBe('string');
    const checked = await run(
      fileModule,
      { path: join(dir, 'other'), state: 'directory', mode: '0750' },
      { check: true },
    );
    expect(checked.diff).toEqual({
      before: { path: join(dir, 'other'), state: 'absent' },
      after: { path: join(dir, 'other'), state: 'directory' },
    });
  });

  test("removing a directory lists what it held in the diff's path_content", async () => {
    const path = join(dir, 'gone');
    mkdirSync(join(path, 'sub'), { recursive: true });
    writeFileSync(join(path, 'sub', 'f'), 'x');
    const result = await run(fileModule, { path, state: 'absent' });
    expect(result).toMatchObject({ changed: true, path, state: 'absent' });
    expect(result.diff).toEqual({
      before: {
        path,
        state: 'directory',
        path_content: { directories: [join(path, 'sub')], files: [join(path, 'sub', 'f')] },
      },
      after: { path, state: 'absent' },
    });
    expect(await run(fileModule, { path, state: 'absent' })).not.toHaveProperty('diff');
  });
});
