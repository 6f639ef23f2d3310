import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { uriModule } from '../../../modules/uri/uri.js';
import { type SeenRequest, send, startServer, type TestServer } from '../http-server.js';
import { run, snapshot } from '../support.js';

let server: TestServer;
let dir: string | undefined;

function answer(req: SeenRequest, res: Parameters<typeof send>[0]) {
  const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(value), {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    });
  switch (req.path) {
    case '/api/items':
      return json(200, [{ id: 1 }], { 'set-cookie': 'session=abc; Path=/', 'x-request-id': 'r-42' });
    case '/api/echo':
      return json(201, { method: req.method, type: req.headers['content-type'], body: req.body });
    case '/text':
      return send(res, 200, 'plain text', { 'content-type': 'text/plain' });
    case '/file.bin':
      return send(res, 200, 'download me\n', { 'content-type': 'application/octet-stream' });
    case '/redirect':
      return send(res, 302, '', { location: '/api/items' });
    case '/login':
      return send(res, 303, '', { location: '/whoami', 'set-cookie': 'sid=s1; HttpOnly' });
    case '/whoami':
      return json(200, { cookie: req.headers.cookie, authorization: req.headers.authorization ?? null });
    case '/secret':
      if (req.headers.authorization === `Basic ${Buffer.from('bob:pw').toString('base64')}`)
        return json(200, { user: 'bob' });
      return send(res, 401, '', { 'www-authenticate': 'Basic realm="api"' });
    default:
      return send(res, 404, '{"error":"no such thing"}', { 'content-type': 'application/json' });
  }
}

beforeAll(async () => {
  server = await startServer(answer);
});
afterAll(() => server.close());
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  server.requests.length = 0;
});

describe('uri', () => {
  test('returns status, headers as underscore keys, cookies and parsed JSON, and changes nothing', async () => {
    const result = await run(uriModule, { url: `${server.base}/api/items` });
    expect(result).toMatchObject({
      changed: false,
      status: 200,
      url: `${server.base}/api/items`,
      redirected: false,
      msg: 'OK (10 bytes)',
      content_type: 'application/json; charset=utf-8',
      content_length: '10',
      x_request_id: 'r-42',
      cookies: { session: 'abc' },
      cookies_string: 'session=abc',
      json: [{ id: 1 }],
      content: '[{"id":1}]',
      elapsed: 0,
    });
  });

  test('sends a JSON body and a form body, with the content types Ansible sets', async () => {
    const url = `${server.base}/api/echo`;
    const posted = await run(uriModule, {
      url,
      method: 'post',
      body: { name: 'web', ports: [80, 443] },
      body_format: 'json',
      status_code: 201,
    });
    expect(posted.json).toEqual({
      method: 'POST',
      type: 'application/json',
      body: '{"name":"web","ports":[80,443]}',
    });
    const form = await run(uriModule, {
      url,
      method: 'PUT',
      body: { user: 'ann lee', role: ['a', 'b'] },
      body_format: 'form-urlencoded',
      status_code: '200, 201',
    });
    expect(form.json).toEqual({
      method: 'PUT',
      type: 'application/x-www-form-urlencoded',
      body: 'user=ann+lee&role=a&role=b',
    });
  });

  test("fails on a status outside status_code with Ansible's message, and accepts one in the list", async () => {
    const url = `${server.base}/nowhere`;
    const failed = await run(uriModule, { url });
    expect(failed).toMatchObject({
      failed: true,
      changed: false,
      status: 404,
      msg: 'Status code was 404 and not [200]: HTTP Error 404: Not Found',
      json: { error: 'no such thing' },
    });
    expect(await run(uriModule, { url, status_code: [200, 404] })).toMatchObject({
      status: 404,
      changed: false,
    });
    const refused = await run(uriModule, { url: 'http://127.0.0.1:1/', status_code: [200, 204] });
    expect(refused).toMatchObject({ failed: true, status: -1 });
    expect(refused.msg).toMatch(
      /^Status code was -1 and not \[200, 204\]: Request failed: connect ECONNREFUSED/,
    );
  });

  test('returns text content only when return_content is set', async () => {
    const url = `${server.base}/text`;
    const plain = await run(uriModule, { url });
    expect(plain).toMatchObject({ status: 200, msg: 'OK (10 bytes)' });
    expect(plain).not.toHaveProperty('content');
    expect(plain).not.toHaveProperty('json');
    expect((await run(uriModule, { url, return_content: true })).content).toBe('plain text');
  });

  test('follows redirects for GET, not for POST unless follow_redirects is all', async () => {
    const url = `${server.base}/redirect`;
    expect(await run(uriModule, { url })).toMatchObject({
      status: 200,
      redirected: true,
      url: `${server.base}/api/items`,
    });
    const post = await run(uriModule, { url, method: 'POST', body: 'x' });
    expect(post).toMatchObject({
      failed: true,
      status: 302,
      location: `${server.base}/api/items`,
      msg: 'Status code was 302 and not [200]: HTTP Error 302: Found',
    });
    const all = await run(uriModule, { url, method: 'POST', body: 'x', follow_redirects: 'all' });
    expect(all).toMatchObject({ status: 200, redirected: true });
    expect(server.requests.at(-1)?.method).toBe('GET');
  });

  test('carries cookies across redirects, and keeps credentials from another origin', async () => {
    const login = await run(uriModule, {
      url: `${server.base}/login`,
      method: 'POST',
      follow_redirects: 'all',
    });
    expect(login).toMatchObject({ status: 200, cookies: { sid: 's1' }, json: { cookie: 'sid=s1' } });
    const other = await startServer((_req, res) => send(res, 302, '', { location: `${server.base}/whoami` }));
    try {
      const hop = await run(uriModule, {
        url: `${other.base}/go`,
        headers: { Authorization: 'Bearer t0ken' },
      });
      expect(hop).toMatchObject({ status: 200, redirected: true, json: { authorization: null } });
      expect(other.requests[0].headers.authorization).toBe('Bearer t0ken');
    } finally {
      await other.close();
    }
  });

  test('answers a Basic challenge with user and password', async () => {
    const result = await run(uriModule, { url: `${server.base}/secret`, user: 'bob', password: 'pw' });
    expect(result).toMatchObject({ status: 200, json: { user: 'bob' } });
    expect(server.requests).toHaveLength(2);
  });

  test('writes dest only when its content differs, and creates skips the call', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-uri-'));
    const dest = join(dir, 'file.bin');
    const url = `${server.base}/file.bin`;
    const first = await run(uriModule, { url, dest, mode: '0600' });
    expect(first).toMatchObject({ changed: true, path: dest, status: 200 });
    expect(readFileSync(dest, 'utf8')).toBe('download me\n');
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    expect((await run(uriModule, { url, dest, mode: '0600' })).changed).toBe(false);
    const skipped = await run(uriModule, { url, dest, creates: dest });
    expect(skipped).toMatchObject({ changed: false, stdout: `skipped, since '${dest}' exists` });
    expect(server.requests).toHaveLength(2);
    const intoDir = await run(uriModule, { url, dest: dir });
    expect(intoDir).toMatchObject({ changed: false, path: dest });
    expect(readdirSync(dir)).toEqual(['file.bin']);
  });

  test('is skipped in check mode, like Ansible: no request, nothing written', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-uri-'));
    const before = snapshot(dir);
    const result = await run(
      uriModule,
      { url: `${server.base}/file.bin`, dest: join(dir, 'f') },
      { check: true },
    );
    expect(result).toEqual({
      changed: false,
      skipped: true,
      msg: 'remote module (uri) does not support check mode',
    });
    expect(server.requests).toHaveLength(0);
    expect(snapshot(dir)).toEqual(before);
  });

  test('talks HTTP over a unix socket', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-uri-'));
    const socket = join(dir, 'api.sock');
    const local = await startServer(answer, socket);
    try {
      const result = await run(uriModule, { url: 'http://localhost/api/items', unix_socket: socket });
      expect(result).toMatchObject({ status: 200, json: [{ id: 1 }] });
    } finally {
      await local.close();
    }
  });

  test('rejects a method that is not one word', async () => {
    const result = await run(uriModule, { url: `${server.base}/`, method: 'GET /x' });
    expect(result.msg).toBe("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
  });
});

describe('uri plan (fixtures, no I/O)', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
    ['check mode', {}, { check: true }, 'remote module (uri) does not support check mode'],
    [
      'an existing creates path',
      { creates: '/x' },
      { check: false, creates: true },
      "skipped, since '/x' exists",
    ],
    [
      'a missing removes path',
      { removes: '/y' },
      { check: false, removes: false },
      "skipped, since '/y' does not exist",
    ],
    ['a call', { method: 'delete' }, { check: false, creates: false }, 'DELETE http://api.test/v1'],
  ];
  test.each(cases)('plans %s', (_name, extra, state, reason) => {
    const a = uriModule.args.parse({ url: 'http://api.test/v1', ...extra });
    const plan = uriModule.plan(a, state as never, { check: false, diff: false });
    expect(plan.reason).toBe(reason);
    expect(plan.steps).toHaveLength(reason.startsWith('DELETE') ? 1 : 0);
  });
});
