import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  ConnectError,
  type ConnectionMethod,
  createMaster,
  type Master,
  ref,
} from '../../../runner/core/index.js';
import { type NodeSupplyResult, nodeChoice } from '../../../runner/transports/node-upload.js';
import { nodeUploadScript, unameNames } from '../../../runner/transports/node-upload-script.js';
import { BARE_TOOLS, barePath, fakeOldNode, fakeUname } from '../../e2e/support/bare-path.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const controllerSha = sha256(process.execPath);
const cacheDir = (home: string) => join(home, '.cache', 'spindle', `node-${process.version}`);

let dir: string;
let bare: string;
let master: Master;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-nodeup-'));
  bare = barePath(dir);
});

afterEach(async () => {
  await master?.shutdown();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A local target whose PATH has no node, with its own HOME; `supplied` records every supply. */
function bareTarget(home: string, path = bare, nodeBinary?: string) {
  mkdirSync(home, { recursive: true });
  const supplied: NodeSupplyResult[] = [];
  const method: ConnectionMethod = {
    kind: 'spawn',
    name: 'bare',
    argv: ['/bin/sh', '-c'],
    env: { PATH: path, HOME: home },
    ...nodeChoice(nodeBinary, { onSupplied: (r) => supplied.push(r) }),
  };
  return { method, supplied };
}

const exeOf = async (ctx: { call(f: unknown): Promise<unknown> }) =>
  readlinkSync(`/proc/${(await ctx.call(basic('pid'))) as number}/exe`);

describe('the node upload helper script', () => {
  test('maps the controller platform and arch to uname names, and knows when it cannot', () => {
    expect(unameNames('linux', 'x64')).toEqual({ system: 'Linux', machines: ['x86_64', 'amd64'] });
    expect(unameNames('linux', 'arm64')?.machines).toContain('aarch64');
    expect(unameNames('win32', 'x64')).toBeUndefined();
  });

  test('refuses a version or a checksum that could break the script', () => {
    const uname = unameNames('linux', 'x64')!;
    expect(() => nodeUploadScript({ nonce: 'n', version: 'v20$(x)', sha256: controllerSha, uname })).toThrow(
      /odd node version/,
    );
    expect(() => nodeUploadScript({ nonce: 'n', version: 'v20.1.0', sha256: 'abc', uname })).toThrow(
      /not a SHA-256/,
    );
  });
});

describe('a local target without node', () => {
  test('gets the controller node once, checked by SHA-256, and runs calls with it', async () => {
    master = await createMaster();
    const home = join(dir, 'home-upload');
    const { method, supplied } = bareTarget(home);
    const ctx = await master.connect(method);
    const binary = join(cacheDir(home), 'node');
    expect(supplied).toEqual([{ host: 'bare.1', path: binary, uploaded: true }]);
    expect(sha256(binary)).toBe(controllerSha);
    expect(statSync(binary).mode & 0o777).toBe(0o755);
    expect(await ctx.call(basic('add'), 40, 2)).toBe(42);
    expect(await exeOf(ctx)).toBe(binary);
  });

  test('a second connection reuses the cached binary without uploading it again', async () => {
    master = await createMaster();
    const home = join(dir, 'home-reuse');
    const first = bareTarget(home);
    await master.connect(first.method);
    const binary = join(cacheDir(home), 'node');
    const before = statSync(binary);
    const second = bareTarget(home);
    const ctx = await master.connect(second.method);
    expect(second.supplied.map((r) => r.uploaded)).toEqual([false]);
    const after = statSync(binary);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await exeOf(ctx)).toBe(binary);
  });

  test('a corrupted cached binary is replaced by a fresh upload', async () => {
    master = await createMaster();
    const home = join(dir, 'home-corrupt');
    mkdirSync(cacheDir(home), { recursive: true });
    const binary = join(cacheDir(home), 'node');
    writeFileSync(binary, '#!/bin/sh\necho not node\n', { mode: 0o755 });
    const { method, supplied } = bareTarget(home);
    const ctx = await master.connect(method);
    expect(supplied.map((r) => r.uploaded)).toEqual([true]);
    expect(sha256(binary)).toBe(controllerSha);
    expect(await ctx.call(basic('add'), 1, 2)).toBe(3);
  });

  test('a node older than 18 on PATH is set aside for the uploaded one', async () => {
    master = await createMaster();
    const home = join(dir, 'home-old');
    const { method, supplied } = bareTarget(home, `${fakeOldNode(dir)}:${bare}`);
    const ctx = await master.connect(method);
    expect(supplied.map((r) => r.uploaded)).toEqual([true]);
    expect(await exeOf(ctx)).toBe(join(cacheDir(home), 'node'));
  });

  test('a target of another architecture fails in the bootstrap phase, naming node_binary', async () => {
    master = await createMaster();
    const home = join(dir, 'home-arch');
    const { method, supplied } = bareTarget(home, `${fakeUname(dir, 'riscv64')}:${bare}`);
    const error = (await master.connect(method).catch((e) => e)) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.phase).toBe('bootstrap');
    expect(error.message).toMatch(/cannot run there \(it is Linux riscv64\)/);
    expect(error.message).toMatch(/set the host variable node_binary/);
    expect(supplied).toEqual([]);
    expect(existsSync(cacheDir(home))).toBe(false);
  });

  test('without sha256sum the helper checks the binary with openssl', async () => {
    master = await createMaster();
    const home = join(dir, 'home-openssl');
    const tools = [...BARE_TOOLS.filter((t) => t !== 'sha256sum'), 'openssl'];
    const path = barePath(dir, { name: 'openssl-bin', tools });
    const { method, supplied } = bareTarget(home, path);
    await master.connect(method);
    const again = bareTarget(home, path);
    const ctx = await master.connect(again.method);
    expect([...supplied, ...again.supplied].map((r) => r.uploaded)).toEqual([true, false]);
    expect(sha256(join(cacheDir(home), 'node'))).toBe(controllerSha);
    expect(await ctx.call(basic('add'), 3, 3)).toBe(6);
  });

  test('without any SHA-256 tool the helper refuses, naming the tools it looked for', async () => {
    master = await createMaster();
    const home = join(dir, 'home-nosum');
    const tools = BARE_TOOLS.filter((t) => t !== 'sha256sum');
    const { method } = bareTarget(home, barePath(dir, { name: 'nosum-bin', tools }));
    const error = (await master.connect(method).catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('bootstrap');
    expect(error.message).toBe(
      `bare.1: cannot put node ${process.version} into ~/.cache/spindle/node-${process.version}/: none of sha256sum, shasum or openssl is there to check the binary`,
    );
  });

  test('without HOME the helper refuses instead of writing elsewhere', async () => {
    master = await createMaster();
    const { method } = bareTarget(join(dir, 'home-unset'));
    const error = (await master
      .connect({ ...method, env: { PATH: bare, HOME: '' } } as ConnectionMethod)
      .catch((e) => e)) as ConnectError;
    expect(error.message).toMatch(/: HOME is not set$/);
  });

  test('node_binary names the node to use: no PATH probe and no upload', async () => {
    master = await createMaster();
    const home = join(dir, 'home-given');
    const { method, supplied } = bareTarget(home, bare, process.execPath);
    const ctx = await master.connect(method);
    expect(await exeOf(ctx)).toBe(process.execPath);
    expect(supplied).toEqual([]);
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });

  test('a node_binary that is not there fails clearly instead of uploading', async () => {
    master = await createMaster();
    const home = join(dir, 'home-missing');
    const { method, supplied } = bareTarget(home, bare, '/opt/no-such/node');
    const error = (await master.connect(method).catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('bootstrap');
    expect(error.message).toMatch(
      /no usable node \(18\+\) on the target: spindle: no node at \/opt\/no-such\/node/,
    );
    expect(supplied).toEqual([]);
  });

  test('a context started through a bare-target context falls back to its parent node', async () => {
    master = await createMaster();
    const home = join(dir, 'home-via');
    const { method } = bareTarget(home);
    const ctx = await master.connect(method);
    const leaf = await master.local({ via: ctx, env: { PATH: bare } });
    expect(await leaf.call(basic('add'), 2, 2)).toBe(4);
    expect(await exeOf(leaf)).toBe(join(cacheDir(home), 'node'));
  });

  test('the local method falls back to the controller node when PATH has none', async () => {
    master = await createMaster();
    const ctx = await master.local({ env: { PATH: bare } });
    expect(await exeOf(ctx)).toBe(process.execPath);
  });
});
