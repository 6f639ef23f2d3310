import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runModule } from '../../../modules/contract/run-module.js';
import { copyModule } from '../../../modules/copy/copy.js';
import { listTree } from '../../../modules/host/file-tree.js';
import { templateModule } from '../../../modules/template.js';
import { run, snapshot, testEnv } from '../support.js';

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
    expect(
      (await run(templateModule, { src: 'app.conf.j2', dest, _content: Buffer.from('port = 8080\n') }))
        .changed,
    ).toBe(true);
    expect(
      (await run(templateModule, { src: 'app.conf.j2', dest, _content: Buffer.from('port = 8080\n') }))
        .changed,
    ).toBe(false);
    expect(readFileSync(dest, 'utf8')).toBe('port = 8080\n');
  });
});

describe('copy of directories', () => {
  function sourceTree(): string {
    const src = join(dir, 'site');
    mkdirSync(join(src, 'conf', 'empty'), { recursive: true });
    writeFileSync(join(src, 'index.html'), '<h1>hi</h1>\n');
    writeFileSync(join(src, 'conf', 'app.ini'), 'port = 8080\n');
    writeFileSync(join(src, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(src, 'run.sh'), 0o755);
    return src;
  }

  /** Runs copy as the runner would for a controller directory: the list inline, files fetched on demand. */
  async function fromController(
    args: Record<string, unknown>,
    options: { check?: boolean; diff?: boolean } = {},
  ) {
    const fetched: string[] = [];
    const root = (args.src as string).replace(/\/$/, '');
    const env = {
      ...testEnv(options),
      fetchControllerFile: async (path: string) => {
        fetched.push(path.slice(root.length + 1));
        return readFile(path);
      },
    };
    const result = await runModule(copyModule, { ...args, _src_path: root, _tree: listTree(root) }, env);
    return { result, fetched };
  }

  test('`src: dir` copies the directory itself, fetches every file once, then nothing on a second run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const src = sourceTree();
    const dest = join(dir, 'www');
    const first = await fromController({ src, dest, mode: '0640', directory_mode: '0750' });
    expect(first.result).toMatchObject({ changed: true, dest: join(dest, 'site'), src });
    expect(first.fetched.sort()).toEqual(['conf/app.ini', 'index.html', 'run.sh']);
    expect(readFileSync(join(dest, 'site', 'conf', 'app.ini'), 'utf8')).toBe('port = 8080\n');
    expect(statSync(join(dest, 'site', 'run.sh')).mode & 0o777).toBe(0o640);
    expect(statSync(join(dest, 'site', 'conf', 'empty')).mode & 0o777).toBe(0o750);
    const second = await fromController({ src, dest, mode: '0640', directory_mode: '0750' });
    expect(second.result).toMatchObject({
      changed: false,
      msg: `${join(dest, 'site')} already holds the 3 files of ${src}`,
    });
    expect(second.fetched).toEqual([]);
    writeFileSync(join(src, 'index.html'), '<h1>hello</h1>\n');
    const third = await fromController({ src, dest, mode: '0640', directory_mode: '0750' });
    expect(third.result.changed).toBe(true);
    expect(third.fetched).toEqual(['index.html']);
  });

  test('`src: dir/` copies the contents into dest, with a per-file diff and nothing touched in check mode', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const src = sourceTree();
    const dest = join(dir, 'www');
    mkdirSync(dest);
    writeFileSync(join(dest, 'index.html'), '<h1>old</h1>\n');
    const before = snapshot(dest);
    const { result } = await fromController({ src: `${src}/`, dest }, { check: true, diff: true });
    expect(result.changed).toBe(true);
    expect(result.diff).toContainEqual({
      path: join(dest, 'index.html'),
      kind: 'content',
      before: '<h1>old</h1>\n',
      after: '<h1>hi</h1>\n',
    });
    expect(snapshot(dest)).toEqual(before);
    expect((await fromController({ src: `${src}/`, dest })).result.changed).toBe(true);
    expect(readdirSync(dest).sort()).toEqual(['conf', 'index.html', 'run.sh']);
    expect((await fromController({ src: `${src}/`, dest })).result.changed).toBe(false);
  });

  test('`mode: preserve` keeps the source modes, and remote_src copies a directory on the host', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const src = sourceTree();
    const dest = join(dir, 'copy');
    const first = await run(copyModule, { src, dest, remote_src: true, mode: 'preserve' });
    expect(first).toMatchObject({ changed: true, dest: join(dest, 'site') });
    expect(statSync(join(dest, 'site', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dest, 'site', 'index.html'), 'utf8')).toBe('<h1>hi</h1>\n');
    expect((await run(copyModule, { src, dest, remote_src: true, mode: 'preserve' })).changed).toBe(false);
    chmodSync(join(dest, 'site', 'run.sh'), 0o700);
    const fixed = await run(copyModule, { src, dest, remote_src: true, mode: 'preserve' });
    expect(fixed).toMatchObject({ changed: true });
    expect(statSync(join(dest, 'site', 'run.sh')).mode & 0o777).toBe(0o755);
  });

  test('refuses to put a file where a directory is, naming the path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const src = sourceTree();
    const dest = join(dir, 'www');
    mkdirSync(join(dest, 'index.html'), { recursive: true });
    const result = await run(copyModule, { src: `${src}/`, dest, remote_src: true });
    expect(result).toMatchObject({
      failed: true,
      msg: `copy: ${join(dest, 'index.html')} is a directory; index.html is a file`,
    });
  });
});

describe('copy and template validate', () => {
  const valid = `sh -c 'grep -q "^ok" "$0" || { echo "not ok: $(cat "$0")" >&2; exit 3; }' %s`;

  test('a failing validate fails the task, leaves dest and its directory untouched, and removes the temp file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'sudoers');
    writeFileSync(dest, 'ok old\n');
    const before = snapshot(dir);
    const result = await run(copyModule, { content: 'bad\n', dest, validate: valid, backup: true });
    expect(result).toMatchObject({
      changed: false,
      failed: true,
      exit_status: 3,
      stderr: 'not ok: bad\n',
      stdout: '',
    });
    expect(result.msg).toBe('failed to validate');
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['sudoers']);
  });

  test('a passing validate writes the file, and a second run neither changes nor validates', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'conf');
    const marker = join(dir, 'ran');
    const validate = `sh -c 'echo x >> "$1"; grep -q "^ok" "$0"' %s ${marker}`;
    expect(await run(copyModule, { content: 'ok new\n', dest, validate })).toMatchObject({ changed: true });
    expect(readFileSync(dest, 'utf8')).toBe('ok new\n');
    expect(readFileSync(marker, 'utf8')).toBe('x\n');
    expect(await run(copyModule, { content: 'ok new\n', dest, validate })).toMatchObject({ changed: false });
    expect(await run(copyModule, { content: 'ok other\n', dest, validate }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(readFileSync(marker, 'utf8')).toBe('x\n');
    expect(readdirSync(dir).sort()).toEqual(['conf', 'ran']);
  });

  test("validate without %s fails with Ansible's message, and template validates too", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'app.conf');
    expect(await run(copyModule, { content: 'x', dest, validate: 'true' })).toMatchObject({
      failed: true,
      msg: 'validate must contain %s: true',
    });
    const bad = await run(templateModule, {
      src: 'a.j2',
      dest,
      _content: Buffer.from('port = 1\n'),
      validate: valid,
    });
    expect(bad).toMatchObject({ failed: true, exit_status: 3 });
    expect(readdirSync(dir)).toEqual([]);
    const good = await run(templateModule, {
      src: 'a.j2',
      dest,
      _content: Buffer.from('ok\n'),
      validate: valid,
    });
    expect(good).toMatchObject({ changed: true });
  });
});

describe('copy checksum and accepted arguments', () => {
  test("a checksum that does not match the source fails with Ansible's message and writes nothing", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const dest = join(dir, 'c.txt');
    const result = await run(copyModule, { content: 'hello\n', dest, checksum: '0'.repeat(40) });
    expect(result).toMatchObject({
      failed: true,
      msg: 'Copied file does not match the expected checksum. Transfer failed.',
      checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f',
      expected_checksum: '0'.repeat(40),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a matching checksum copies once, and follow, local_follow, unsafe_writes and decrypt are accepted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-copy-'));
    const args = {
      src: 'c.txt',
      _src_path: '/ctl/c.txt',
      _data: Buffer.from('hello\n'),
      dest: join(dir, 'c.txt'),
      checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f',
      follow: false,
      local_follow: true,
      unsafe_writes: true,
      decrypt: true,
    };
    expect(await run(copyModule, args, { check: true })).toMatchObject({ changed: true });
    expect(readdirSync(dir)).toEqual([]);
    expect(await run(copyModule, args)).toMatchObject({ changed: true });
    expect(await run(copyModule, args)).toMatchObject({ changed: false });
  });
});
