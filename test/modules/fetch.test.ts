import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fetchModule, MISSING_MSG } from '../../modules/fetch.js';
import { finishFetch } from '../../runner/actions/fetch-finish.js';
import { playTasks } from './play-support.js';
import { run, snapshot } from './support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix = join(tmpdir(), 'spindle-fetch-')): string {
  const d = mkdtempSync(prefix);
  dirs.push(d);
  return d;
}

const HELLO_SHA1 = 'f572d396fae9206628714fb2ce00f72e94f2258f';

describe('fetch on the host', () => {
  test('sends the bytes only when they differ from the controller copy', async () => {
    const dir = tempDir();
    const src = join(dir, 'app.conf');
    writeFileSync(src, 'hello\n');
    const base = { src, dest: '/ctl', _dest: '/ctl/app.conf' };
    const differs = await run(fetchModule, { ...base, _dest_checksum: null });
    expect(differs).toMatchObject({ changed: true, remote_checksum: HELLO_SHA1, checksum: HELLO_SHA1 });
    expect(Buffer.from(differs._content as Uint8Array).toString()).toBe('hello\n');
    const same = await run(fetchModule, { ...base, _dest_checksum: HELLO_SHA1 });
    expect(same).toEqual({
      changed: false,
      msg: `/ctl/app.conf already has the content of ${src}`,
      src,
      file: src,
      dest: '/ctl/app.conf',
      checksum: HELLO_SHA1,
      md5sum: 'b1946ac92492d2347c6235b4d2611184',
    });
  });

  test("a missing or directory source fails, or with fail_on_missing: no is ok with Ansible's message", async () => {
    const dir = tempDir();
    const missing = { src: join(dir, 'nope'), dest: '/ctl', _dest: '/ctl/x' };
    expect(await run(fetchModule, missing)).toMatchObject({ failed: true, msg: MISSING_MSG });
    expect(await run(fetchModule, { ...missing, fail_on_missing: false })).toEqual({
      changed: false,
      msg: 'the remote file does not exist, not transferring, ignored',
      file: missing.src,
    });
    expect(await run(fetchModule, { src: dir, dest: '/ctl' })).toMatchObject({
      failed: true,
      msg: 'remote file is a directory, fetch cannot work on directories',
    });
  });

  test('a file larger than one reply can carry fails clearly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big'), Buffer.alloc(100));
    const result = await run(fetchModule, { src: join(dir, 'big'), dest: '/ctl', _max_size: 50 });
    expect(result).toMatchObject({ failed: true });
    expect(result.msg).toBe(
      `fetch: ${join(dir, 'big')} is 100 bytes, more than one reply can carry (50 bytes, set by maxMessageSize)`,
    );
  });
});

describe('fetch on the controller', () => {
  test('strips the bytes from the result and refuses a checksum mismatch without writing', async () => {
    const dir = tempDir();
    const dest = join(dir, 'x');
    const result = { changed: true, remote_checksum: 'bad', _content: Buffer.from('hi') };
    const out = await finishFetch({ _dest: dest }, result, false);
    expect(out).toMatchObject({ failed: true, msg: 'checksum mismatch' });
    expect(out).not.toHaveProperty('_content');
    expect(existsSync(dest)).toBe(false);
  });
});

describe('fetch in a playbook', () => {
  const fetchTasks = (src: string) =>
    [
      '- fetch:',
      `    src: ${src}`,
      '    dest: "{{ work }}/backups"',
      '  register: tree',
      '- fetch:',
      `    src: ${src}`,
      '    dest: "{{ work }}/flat/"',
      '    flat: true',
      '- assert:',
      '    that: tree._content is not defined',
    ].join('\n');

  test('fetches into dest/<host>/<path> and flat, then changes nothing the second time', async () => {
    const work = tempDir();
    const src = join(tempDir(), 'app.conf');
    writeFileSync(src, 'setting=1\n');
    const first = await playTasks(work, fetchTasks(src), { host: 'web1' });
    expect(first.stats).toMatchObject({ changed: 2, failed: 0 });
    expect(readFileSync(join(work, 'backups', 'web1', src), 'utf8')).toBe('setting=1\n');
    expect(readFileSync(join(work, 'flat', 'app.conf'), 'utf8')).toBe('setting=1\n');
    expect(first.results[0].result).toMatchObject({
      dest: join(work, 'backups', 'web1', src),
      changed: true,
    });
    expect(JSON.stringify(first.results)).not.toContain('_content');
    const second = await playTasks(work, fetchTasks(src), { host: 'web1' });
    expect(second.stats).toMatchObject({ changed: 0, failed: 0 });
    writeFileSync(src, 'setting=2\n');
    const before = snapshot(work);
    const checked = await playTasks(work, fetchTasks(src), { host: 'web1', check: true });
    expect(checked.stats).toMatchObject({ changed: 2, failed: 0 });
    expect(snapshot(work)).toEqual(before);
  });

  test('a missing file fails the host, or is ignored with fail_on_missing: no', async () => {
    const work = tempDir();
    const tasks = (failOnMissing: boolean) =>
      `- fetch:\n    src: /nonexistent/file\n    dest: "{{ work }}/got"\n    fail_on_missing: ${failOnMissing}`;
    const ignored = await playTasks(work, tasks(false));
    expect(ignored.results[0]).toMatchObject({ status: 'ok', msg: MISSING_MSG });
    expect(ignored.results[0].result).toMatchObject({ changed: false, file: '/nonexistent/file' });
    const failed = await playTasks(work, tasks(true));
    expect(failed.results[0]).toMatchObject({ status: 'failed', msg: MISSING_MSG });
    expect(failed.exitCode).toBe(2);
    expect(existsSync(join(work, 'got'))).toBe(false);
  });

  test("a ~ source is expanded on the host and lands under dest/<host>/ with the host's path", async () => {
    const work = tempDir();
    const home = tempDir(join(homedir(), '.spindle-fetch-'));
    writeFileSync(join(home, 'notes'), 'n\n');
    const tasks = `- fetch:\n    src: ~/${basename(home)}/notes\n    dest: "{{ work }}/got"`;
    expect((await playTasks(work, tasks)).stats).toMatchObject({ changed: 1, failed: 0 });
    expect(readFileSync(join(work, 'got', 'localhost', home, 'notes'), 'utf8')).toBe('n\n');
    expect((await playTasks(work, tasks)).stats).toMatchObject({ changed: 0, failed: 0 });
  });
});
