import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { getUrlModule } from '../../../modules/get_url/get_url.js';
import { send, startServer, type TestServer } from '../http-server.js';
import { run, snapshot } from '../support.js';

const HELLO = 'hello world\n';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

let server: TestServer;
let dir: string;
let body = HELLO;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const auth = req.headers.authorization;
    switch (req.path) {
      case '/file.txt':
        return send(res, 200, req.method === 'HEAD' ? '' : body, { 'content-type': 'text/plain' });
      case '/download?id=7':
        return send(res, 200, 'tarball', { 'content-disposition': 'attachment; filename="app-1.0.tar"' });
      case '/redirect':
        return send(res, 302, '', { location: '/file.txt' });
      case '/to-file':
        return send(res, 302, '', { location: 'file:///etc/passwd' });
      case '/loop':
        return send(res, 302, '', { location: '/loop' });
      case '/secret':
        if (auth === `Basic ${Buffer.from('ann:s3cret').toString('base64')}`)
          return send(res, 200, 'granted\n');
        return send(res, 401, 'no', { 'www-authenticate': 'Basic realm="test"' });
      case '/broken':
        return send(res, 500, 'oops');
      case '/short':
        res.writeHead(200, { 'content-length': '100' });
        res.write('only ten..');
        return setTimeout(() => res.destroy(), 50);
      case '/SHA256SUMS':
        return send(res, 200, `${'0'.repeat(64)}  other.tar\n${sha256(body)} *file.txt\n`);
      case '/BSDSUMS':
        return send(res, 200, `SHA256 (file.txt) = ${sha256(body)}\n`);
      case '/slow':
        return; // never answers
      default:
        return send(res, 404, 'not here');
    }
  });
});
afterAll(() => server.close());
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  server.requests.length = 0;
  body = HELLO;
});

const fresh = () => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-get-url-'));
  return dir;
};

describe('get_url', () => {
  test('downloads a file with a mode, reports Ansible keys, and a second run makes no request', async () => {
    const dest = join(fresh(), 'hello.txt');
    const first = await run(getUrlModule, { url: `${server.base}/file.txt`, dest, mode: '0640' });
    expect(first).toMatchObject({
      changed: true,
      dest,
      url: `${server.base}/file.txt`,
      checksum_src: sha1(HELLO),
      checksum_dest: null,
      md5sum: createHash('md5').update(HELLO).digest('hex'),
      size: 12,
      status_code: 200,
      msg: 'OK (12 bytes)',
      mode: '0640',
      state: 'file',
    });
    expect(first.elapsed).toBe(0);
    expect(readFileSync(dest, 'utf8')).toBe(HELLO);
    expect(statSync(dest).mode & 0o777).toBe(0o640);
    const second = await run(getUrlModule, { url: `${server.base}/file.txt`, dest, mode: '0640' });
    expect(second).toMatchObject({ changed: false, msg: `file already exists: ${dest} (force is off)` });
    expect(server.requests).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['hello.txt']);
  });

  test('with force on, downloads again and reports no change when the content is the same', async () => {
    const dest = join(fresh(), 'hello.txt');
    const args = { url: `${server.base}/file.txt`, dest, force: true };
    expect((await run(getUrlModule, args)).changed).toBe(true);
    const again = await run(getUrlModule, args);
    expect(again).toMatchObject({ changed: false, checksum_dest: sha1(HELLO), checksum_src: sha1(HELLO) });
    expect(again.msg).toBe(`OK (12 bytes); ${dest} already had this content`);
    body = 'new content\n';
    const third = await run(getUrlModule, { ...args, backup: true });
    expect(third.changed).toBe(true);
    expect(readFileSync(dest, 'utf8')).toBe('new content\n');
    expect(readFileSync(third.backup_file as string, 'utf8')).toBe(HELLO);
    expect(server.requests).toHaveLength(3);
  });

  test('into a directory, names the file from Content-Disposition or the URL path, idempotently', async () => {
    fresh();
    const named = await run(getUrlModule, { url: `${server.base}/download?id=7`, dest: dir });
    expect(named).toMatchObject({ changed: true, dest: join(dir, 'app-1.0.tar') });
    expect(readFileSync(join(dir, 'app-1.0.tar'), 'utf8')).toBe('tarball');
    const fromPath = await run(getUrlModule, { url: `${server.base}/redirect`, dest: `${dir}/` });
    // The name comes from the URL that answered, after the redirect.
    expect(fromPath).toMatchObject({ changed: true, dest: join(dir, 'file.txt') });
    const again = await run(getUrlModule, { url: `${server.base}/download?id=7`, dest: dir });
    expect(again.changed).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['app-1.0.tar', 'file.txt']);
  });

  test('verifies a checksum, and a mismatch fails naming URL, expected and actual, leaving nothing', async () => {
    const dest = join(fresh(), 'hello.txt');
    const url = `${server.base}/file.txt`;
    const ok = await run(getUrlModule, { url, dest, checksum: `sha256:${sha256(HELLO).toUpperCase()}` });
    expect(ok.changed).toBe(true);
    const other = join(dir, 'other.txt');
    const wrong = 'a'.repeat(64);
    const bad = await run(getUrlModule, { url, dest: other, checksum: `sha256:${wrong}` });
    expect(bad).toMatchObject({ failed: true, changed: false });
    expect(bad.msg).toBe(
      `get_url: ${url}: the sha256 checksum did not match ${wrong}; it was ${sha256(HELLO)}`,
    );
    expect(readdirSync(dir)).toEqual(['hello.txt']);
  });

  test('skips the download when dest matches the checksum, and fetches again when it does not', async () => {
    const dest = join(fresh(), 'hello.txt');
    const args = { url: `${server.base}/file.txt`, dest, checksum: `sha1:${sha1(HELLO)}` };
    writeFileSync(dest, HELLO);
    expect(await run(getUrlModule, args)).toMatchObject({
      changed: false,
      msg: `file already exists: ${dest} (its sha1 checksum matches)`,
    });
    expect(server.requests).toHaveLength(0);
    writeFileSync(dest, 'tampered\n');
    expect(await run(getUrlModule, args)).toMatchObject({ changed: true, checksum_dest: sha1('tampered\n') });
    expect(readFileSync(dest, 'utf8')).toBe(HELLO);
    expect(server.requests).toHaveLength(1);
  });

  test('reads the expected digest from a checksum file given by URL, GNU or BSD style', async () => {
    const dest = join(fresh(), 'hello.txt');
    const url = `${server.base}/file.txt`;
    const gnu = await run(getUrlModule, { url, dest, checksum: `sha256:${server.base}/SHA256SUMS` });
    expect(gnu).toMatchObject({ changed: true, checksum_src: sha1(HELLO) });
    const bsd = await run(getUrlModule, { url, dest, checksum: `sha256:${server.base}/BSDSUMS` });
    expect(bsd).toMatchObject({
      changed: false,
      msg: `file already exists: ${dest} (its sha256 checksum matches)`,
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/SHA256SUMS', '/file.txt', '/BSDSUMS']);
    const missing = await run(getUrlModule, {
      url: `${server.base}/download?id=7`,
      dest: join(dir, 'app.tar'),
      checksum: `sha256:${server.base}/SHA256SUMS`,
    });
    expect(missing.msg).toBe(
      `get_url: Unable to find a checksum for file 'download' in '${server.base}/SHA256SUMS'`,
    );
  });

  test('changes only the attributes of an existing file when force is off', async () => {
    const dest = join(fresh(), 'hello.txt');
    writeFileSync(dest, 'local\n', { mode: 0o644 });
    const result = await run(getUrlModule, { url: `${server.base}/file.txt`, dest, mode: '0600' });
    expect(result).toMatchObject({
      changed: true,
      msg: `file already exists but file attributes changed: ${dest}`,
    });
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    expect(readFileSync(dest, 'utf8')).toBe('local\n');
    expect(server.requests).toHaveLength(0);
  });

  test('answers a Basic challenge, or sends credentials up front with force_basic_auth', async () => {
    const dest = join(fresh(), 'secret');
    const url = `${server.base}/secret`;
    const creds = { url_username: 'ann', url_password: 's3cret' };
    expect((await run(getUrlModule, { url, dest, ...creds })).changed).toBe(true);
    expect(server.requests.map((r) => r.headers.authorization !== undefined)).toEqual([false, true]);
    server.requests.length = 0;
    await run(getUrlModule, { url, dest, ...creds, force: true, force_basic_auth: true });
    expect(server.requests).toHaveLength(1);
    const denied = await run(getUrlModule, { url, dest: `${dest}2`, username: 'ann', password: 'nope' });
    expect(denied).toMatchObject({
      failed: true,
      msg: `get_url: ${url}: HTTP 401 Unauthorized`,
      status_code: 401,
    });
  });

  test('fails on HTTP errors, redirect loops, short bodies and timeouts, leaving nothing behind', async () => {
    fresh();
    const at = (path: string, extra: Record<string, unknown> = {}) =>
      run(getUrlModule, { url: `${server.base}${path}`, dest: join(dir, 'x'), ...extra });
    expect((await at('/nowhere')).msg).toBe(`get_url: ${server.base}/nowhere: HTTP 404 Not Found`);
    expect(await at('/broken')).toMatchObject({
      failed: true,
      msg: `get_url: ${server.base}/broken: HTTP 500 Internal Server Error`,
      response: 'HTTP Error 500: Internal Server Error',
    });
    expect((await at('/loop')).msg).toBe(
      `get_url: ${server.base}/loop: more than 10 redirects (last to /loop)`,
    );
    expect((await at('/to-file')).msg).toBe(
      `get_url: ${server.base}/to-file: refusing to follow a redirect to file: file:///etc/passwd`,
    );
    expect((await at('/short')).msg).toMatch(
      new RegExp(`^get_url: ${server.base}/short: (aborted|incomplete)`),
    );
    expect((await at('/slow', { timeout: 0.3 })).msg).toBe(
      `get_url: ${server.base}/slow: timed out after 0.3 s`,
    );
    expect((await run(getUrlModule, { url: 'http://127.0.0.1:1/x', dest: join(dir, 'x') })).msg).toMatch(
      /^get_url: http:\/\/127\.0\.0\.1:1\/x: connect ECONNREFUSED/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('copies a file:// URL, as Ansible does', async () => {
    fresh();
    writeFileSync(join(dir, 'source'), 'local bytes\n');
    const dest = join(dir, 'copy');
    expect(await run(getUrlModule, { url: `file://${dir}/source`, dest })).toMatchObject({
      changed: true,
      size: 12,
    });
    expect(readFileSync(dest, 'utf8')).toBe('local bytes\n');
    expect((await run(getUrlModule, { url: `file://${dir}/source`, dest, force: true })).changed).toBe(false);
  });

  test('rejects a malformed checksum before anything runs', async () => {
    const result = await run(getUrlModule, { url: 'http://x/', dest: '/tmp/x', checksum: 'crc32:1234' });
    expect(result.msg).toMatch(/^Expected `checksum` to be ALGORITHM:HEX/);
    fresh();
  });
});

describe('get_url in check mode', () => {
  test('asks with HEAD only, reports the change it would make, and writes nothing', async () => {
    fresh();
    mkdirSync(join(dir, 'sub'));
    const before = snapshot(dir);
    const dest = join(dir, 'hello.txt');
    const result = await run(getUrlModule, { url: `${server.base}/file.txt`, dest }, { check: true });
    expect(result).toMatchObject({
      changed: true,
      msg: `${server.base}/file.txt will be downloaded to ${dest}`,
    });
    const intoDir = await run(
      getUrlModule,
      { url: `${server.base}/download?id=7`, dest: join(dir, 'sub') },
      {
        check: true,
      },
    );
    expect(intoDir.msg).toBe(
      `${server.base}/download?id=7 will be downloaded to ${join(dir, 'sub', 'app-1.0.tar')}`,
    );
    expect(server.requests.map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
    const missing = await run(getUrlModule, { url: `${server.base}/gone`, dest }, { check: true });
    expect(missing).toMatchObject({ failed: true, msg: `get_url: ${server.base}/gone: HTTP 404 Not Found` });
    expect(snapshot(dir)).toEqual(before);
  });

  test('makes no request when dest exists and force is off, or when it matches the checksum', async () => {
    const dest = join(fresh(), 'hello.txt');
    writeFileSync(dest, HELLO);
    const before = snapshot(dir);
    const url = `${server.base}/file.txt`;
    expect((await run(getUrlModule, { url, dest }, { check: true })).changed).toBe(false);
    const forced = await run(
      getUrlModule,
      { url, dest, force: true, checksum: `sha1:${sha1(HELLO)}` },
      {
        check: true,
      },
    );
    expect(forced.changed).toBe(false);
    const mismatch = await run(
      getUrlModule,
      { url, dest, checksum: `md5:${'0'.repeat(32)}` },
      { check: true },
    );
    expect(mismatch).toMatchObject({ changed: true });
    expect(server.requests.map((r) => r.method)).toEqual(['HEAD']);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('get_url plan (fixtures, no I/O)', () => {
  const url = 'https://example.test/app.tgz';
  const file = { exists: true, kind: 'file', mode: 0o644, uid: 0, gid: 0 } as const;
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, boolean, number, string]> = [
    [
      'a missing dest',
      {},
      { path: { exists: false } },
      false,
      1,
      `${url} will be downloaded to /srv/app.tgz`,
    ],
    ['an existing dest', {}, { path: file }, false, 0, 'file already exists: /srv/app.tgz (force is off)'],
    [
      'a directory',
      { dest: '/srv' },
      { path: { exists: true, kind: 'directory' } },
      false,
      1,
      `${url} will be downloaded to /srv/`,
    ],
    [
      'force',
      { force: true },
      { path: file },
      false,
      1,
      `force is on: ${url} will be downloaded over /srv/app.tgz`,
    ],
    [
      'a checksum mismatch',
      { checksum: 'md5:ab' },
      { path: file, digest: 'cd', expected: { algorithm: 'md5', digest: 'ab' } },
      false,
      1,
      `/srv/app.tgz does not match md5:ab: ${url} will be downloaded`,
    ],
    [
      'force with a matching checksum in check mode',
      { checksum: 'md5:AB', force: true },
      { path: file, digest: 'ab', expected: { algorithm: 'md5', digest: 'ab' } },
      true,
      0,
      `/srv/app.tgz already matches md5:ab; a real run downloads ${url} again (force) and verifies it`,
    ],
    [
      'a mode change only',
      { mode: '0600' },
      { path: file },
      false,
      1,
      'file already exists but file attributes changed: /srv/app.tgz',
    ],
  ];
  test.each(cases)('plans %s', (_name, extra, state, check, steps, reason) => {
    const a = getUrlModule.args.parse({ url, dest: '/srv/app.tgz', ...extra });
    const plan = getUrlModule.plan(a, { target: a.dest, ...state } as never, { check, diff: false });
    expect(plan.steps).toHaveLength(steps);
    expect(plan.reason).toBe(reason);
  });
});

describe('get_url over https', () => {
  test('refuses a self-signed certificate unless validate_certs is off', async () => {
    fresh();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    expect(made.status).toBe(0);
    const tls = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) =>
      send(res, 200, 'secure\n'),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/s.txt`;
    try {
      const refused = await run(getUrlModule, { url, dest: join(dir, 's.txt') });
      expect(refused.msg).toBe(`get_url: ${url}: self-signed certificate`);
      const accepted = await run(getUrlModule, { url, dest: join(dir, 's.txt'), validate_certs: false });
      expect(accepted).toMatchObject({ changed: true, msg: 'OK (7 bytes)' });
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});
