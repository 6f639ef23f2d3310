import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { blockinfileModule, editBlock } from '../../modules/blockinfile.js';
import { findModule } from '../../modules/find.js';
import { lineinfileModule } from '../../modules/lineinfile/lineinfile.js';
import { rawModule } from '../../modules/raw.js';
import { replaceModule } from '../../modules/replace.js';
import { slurpModule } from '../../modules/slurp.js';
import { waitForModule } from '../../modules/wait_for.js';
import { run } from './support.js';

let dir: string;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const defaults = {
  marker: '# {mark} ANSIBLE MANAGED BLOCK',
  marker_begin: 'BEGIN',
  marker_end: 'END',
  state: 'present' as const,
};

describe('blockinfile', () => {
  test("inserts Ansible's default markers at the end, then replaces the block in place", () => {
    const once = editBlock('a\n', { ...defaults, block: 'x=1\ny=2' });
    expect(once).toBe('a\n# BEGIN ANSIBLE MANAGED BLOCK\nx=1\ny=2\n# END ANSIBLE MANAGED BLOCK\n');
    expect(editBlock(`${once}b\n`, { ...defaults, block: 'x=3' })).toBe(
      'a\n# BEGIN ANSIBLE MANAGED BLOCK\nx=3\n# END ANSIBLE MANAGED BLOCK\nb\n',
    );
    expect(editBlock(once, { ...defaults, block: 'x=1', state: 'absent' })).toBe('a\n');
    expect(editBlock('top\nrest\n', { ...defaults, block: 'z', insertbefore: 'BOF' })).toBe(
      '# BEGIN ANSIBLE MANAGED BLOCK\nz\n# END ANSIBLE MANAGED BLOCK\ntop\nrest\n',
    );
  });

  test('is idempotent on disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-bif-'));
    const path = join(dir, 'hosts');
    writeFileSync(path, '127.0.0.1 localhost\n');
    expect((await run(blockinfileModule, { path, block: '10.0.0.1 db' })).changed).toBe(true);
    expect((await run(blockinfileModule, { path, block: '10.0.0.1 db' })).changed).toBe(false);
  });
});

describe('replace, slurp, find, raw, wait_for', () => {
  test('replace substitutes every match with Python-style back-references, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-rep-'));
    const path = join(dir, 'conf');
    writeFileSync(path, 'port=80\nport=81\nname=x\n');
    expect(
      await run(replaceModule, { path, regexp: '^port=(\\d+)$', replace: 'port=\\1 # was \\1' }),
    ).toMatchObject({ changed: true, msg: '2 replacements made' });
    expect(readFileSync(path, 'utf8')).toBe('port=80 # was 80\nport=81 # was 81\nname=x\n');
    expect(
      (await run(replaceModule, { path, regexp: '^port=(\\d+)$', replace: 'port=\\1 # was \\1' })).changed,
    ).toBe(false);
  });

  test('replace expands \\g<1> and \\g<name>, keeps $ literal, and fails on a group the regexp lacks', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-rep-'));
    const path = join(dir, 'conf');
    writeFileSync(path, 'port=80\nname=x\n');
    const args = { path, regexp: '^(?P<key>port)=(\\d+)$', replace: '\\g<key>=\\g<2>0 # $1' };
    expect(await run(replaceModule, args)).toMatchObject({ changed: true, msg: '1 replacements made' });
    expect(readFileSync(path, 'utf8')).toBe('port=800 # $1\nname=x\n');
    expect(await run(replaceModule, { path, regexp: '^name=(x)$', replace: '\\2' })).toMatchObject({
      failed: true,
      msg: `replace: ${path}: invalid group reference 2`,
    });
  });

  test('slurp returns base64 content and find filters by pattern, type and content', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-find-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.log'), 'error here\n');
    writeFileSync(join(dir, 'b.txt'), 'fine\n');
    writeFileSync(join(dir, 'sub', 'c.log'), 'ok\n');
    expect(await run(slurpModule, { src: join(dir, 'b.txt') })).toMatchObject({
      changed: false,
      content: Buffer.from('fine\n').toString('base64'),
      encoding: 'base64',
    });
    const found = await run(findModule, { paths: dir, patterns: '*.log', recurse: true });
    expect((found.files as Array<{ path: string }>).map((f) => f.path)).toEqual([
      join(dir, 'a.log'),
      join(dir, 'sub', 'c.log'),
    ]);
    const errors = await run(findModule, { paths: [dir], patterns: ['*.log'], contains: 'error' });
    expect(errors.matched).toBe(1);
  });

  test('raw runs through a plain shell and reports rc', async () => {
    expect(await run(rawModule, { cmd: 'echo $((6*7)); exit 3' })).toMatchObject({
      changed: true,
      failed: true,
      rc: 3,
      stdout: '42',
    });
  });

  test('wait_for sees a listening port and times out on a missing file', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    expect(await run(waitForModule, { port, timeout: 5 })).toMatchObject({ changed: false, port });
    server.close();
    const missing = await run(waitForModule, { path: '/nonexistent/flag', timeout: 0.3, sleep: 0.1 });
    expect(missing).toMatchObject({ failed: true, msg: 'Timeout when waiting for file /nonexistent/flag' });
  });
});

describe('validate on line, block and pattern edits', () => {
  test('lineinfile, blockinfile and replace run validate on the edited temp file and keep the old file when it fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-validate-'));
    const path = join(dir, 'app.conf');
    writeFileSync(path, 'ok=1\n');
    // The check refuses any file holding "bad".
    const validate = `sh -c '! grep -q bad "$0"' %s`;
    const edits: Array<[Parameters<typeof run>[0], Record<string, unknown>]> = [
      [lineinfileModule, { path, line: 'bad=1', validate }],
      [blockinfileModule, { path, block: 'bad=1', validate }],
      [replaceModule, { path, regexp: 'ok', replace: 'bad', validate }],
    ];
    for (const [module, args] of edits) {
      const result = await run(module, args);
      expect(result.failed).toBe(true);
      expect(String(result.msg)).toMatch(/^failed to validate/);
      expect(readFileSync(path, 'utf8')).toBe('ok=1\n');
    }
    expect(readdirSync(dir)).toEqual(['app.conf']);
    expect(await run(lineinfileModule, { path, line: 'good=1', validate })).toMatchObject({ changed: true });
    expect(readFileSync(path, 'utf8')).toBe('ok=1\ngood=1\n');
  });
});
