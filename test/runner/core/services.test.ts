import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createMaster, type Master, ref } from '../../../runner/core/index.js';

const util = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'uses-util.ts'), name);

let master: Master;
let dir: string | undefined;
afterEach(async () => {
  await master?.shutdown();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function writeFile(path: string, mib: number): Promise<number> {
  const out = createWriteStream(path);
  let sum = 0;
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) {
    chunk.fill(i % 251);
    for (let j = 0; j < chunk.length; j += 4096) sum = (sum + chunk[j]) % 1_000_000_007;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return sum;
}

describe('services', () => {
  test('the service pool starts on the first CALL_SERVICE, not before', async () => {
    master = await createMaster();
    let created = 0;
    master.services.registerLazy('counter', () => {
      created++;
      return { next: { policy: 'any', fn: () => created } };
    });
    const ctx = await master.local();
    expect(created).toBe(0);
    expect(master.services.poolStarted).toBe(false);
    dir = await mkdtemp(join(tmpdir(), 'spindle-svc-'));
    const path = join(dir, 'small');
    await writeFile(path, 1);
    master.files.offer(path, ctx.id);
    await ctx.call(util('receive'), path);
    expect(master.services.poolStarted).toBe(true);
    expect(created).toBe(1);
  });

  test('a service method refuses callers its policy excludes', async () => {
    master = await createMaster();
    master.services.register('guarded', { secret: { policy: 'parent', fn: () => 'the secret' } });
    const ctx = await master.local();
    const error = await ctx
      .call(
        ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'services.ts'), 'callParentOnly'),
      )
      .catch((e) => e);
    expect(String(error)).toMatch(/refused by policy: guarded.secret/);
  });

  test('the file service refuses paths that were not offered', async () => {
    master = await createMaster();
    const ctx = await master.local();
    await expect(ctx.call(util('receive'), '/etc/shadow')).rejects.toThrow(/was not offered/);
  });

  test('the file service hands a file only to the context it was offered to, and only until the offer is withdrawn', async () => {
    master = await createMaster();
    const [mine, other] = await Promise.all([master.local(), master.local()]);
    dir = await mkdtemp(join(tmpdir(), 'spindle-offer-'));
    const path = join(dir, 'for-mine');
    await writeFile(path, 1);
    const withdraw = master.files.offer(path, mine.id);
    await expect(other.call(util('receive'), path)).rejects.toThrow(
      new RegExp(`was not offered to context ${other.id}`),
    );
    expect(((await mine.call(util('receive'), path)) as { size: number }).size).toBe(1 << 20);
    withdraw();
    await expect(mine.call(util('receive'), path)).rejects.toThrow(/was not offered/);
  });

  test('a 256 MiB file streams in chunks under a credit window with bounded memory on both ends', async () => {
    master = await createMaster();
    const ctx = await master.local();
    dir = await mkdtemp(join(tmpdir(), 'spindle-transfer-'));
    const path = join(dir, 'big');
    const sum = await writeFile(path, 256);
    master.files.offer(path, ctx.id);
    let masterPeak = 0;
    const sampler = setInterval(() => (masterPeak = Math.max(masterPeak, process.memoryUsage().rss)), 5);
    const result = (await ctx.call(util('receive'), path)) as {
      size: number;
      sum: number;
      peakRssMiB: number;
    };
    clearInterval(sampler);
    expect(result.size).toBe(256 * 1024 * 1024);
    expect(result.sum).toBe(sum);
    expect(result.peakRssMiB).toBeLessThan(200);
    expect(masterPeak / 1048576).toBeLessThan(600);
  });
});
