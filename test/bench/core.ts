import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootShellLine } from '../../bootstrap/first-stage.js';
import { createMaster, loadCoreBundle, ref } from '../../runner/core/index.js';
import { packageRoot } from '../../runner/core/package-root.js';
import { median, report } from './report.js';

const fixtures = join(packageRoot(), 'test', 'fixtures', 'functions');

/** The core's figures (issue 2): bootstrap sizes, connect, call round trip, throughput, transfer. */
export async function benchCore(): Promise<void> {
  const core = await loadCoreBundle();
  const params = {
    id: 1,
    name: 'local.1',
    ancestors: [0],
    maxMessageSize: 128 << 20,
    unidirectional: true,
    ioLog: false,
  };
  const line = bootShellLine({
    nonce: randomBytes(8).toString('hex'),
    coreLength: core.deflated.length,
    params,
  });
  report('bootstrap.command_bytes', Buffer.byteLength(`/bin/sh -c ${line}`), 'bytes');
  report('bootstrap.core_raw_bytes', core.rawBytes, 'bytes');
  report('bootstrap.core_minified_bytes', core.minifiedBytes, 'bytes');
  report('bootstrap.core_deflated_bytes', core.deflated.length, 'bytes');

  const nodeStarts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    nodeStarts.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const master = await createMaster();
  try {
    const connects: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = process.hrtime.bigint();
      const ctx = await master.local();
      connects.push(Number(process.hrtime.bigint() - start) / 1e6);
      await ctx.shutdown();
    }
    report('local.connect_ms', median(connects), 'ms');
    report('local.node_start_ms', median(nodeStarts), 'ms');

    const add = ref(join(fixtures, 'basic.ts'), 'add');
    const ctx = await master.local();
    // The transfer runs first, while the master's memory holds nothing else of this benchmark.
    const dir = await mkdtemp(join(tmpdir(), 'spindle-bench-'));
    try {
      const path = join(dir, 'one-gib');
      const out = createWriteStream(path);
      const chunk = randomBytes(1 << 20);
      for (let i = 0; i < 1024; i++)
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      await new Promise<void>((r) => out.end(() => r()));
      master.files.offer(path, ctx.id);
      let masterPeak = process.memoryUsage().rss;
      const sampler = setInterval(() => (masterPeak = Math.max(masterPeak, process.memoryUsage().rss)), 10);
      const t = process.hrtime.bigint();
      const result = (await ctx.call(ref(join(fixtures, 'uses-util.ts'), 'receive'), path)) as {
        size: number;
        peakRssMiB: number;
      };
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      clearInterval(sampler);
      report('transfer.local_MiBps', result.size / 1048576 / seconds, 'MiB/s');
      report('transfer.peak_rss_MiB', Math.max(result.peakRssMiB, masterPeak / 1048576), 'MiB');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (let i = 0; i < 500; i++) await ctx.call(add, i, 1);
    const rtts: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const start = process.hrtime.bigint();
      await ctx.call(add, i, 1);
      rtts.push(Number(process.hrtime.bigint() - start) / 1e3);
    }
    report('local.call_rtt_us', median(rtts), 'us');

    const rounds = 5;
    const start = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++)
      await Promise.all(Array.from({ length: 1000 }, (_, i) => ctx.call(add, i, r)));
    report('local.calls_per_s', (rounds * 1000) / (Number(process.hrtime.bigint() - start) / 1e9), 'calls/s');

    const leaf = await master.local({ via: ctx });
    for (let i = 0; i < 200; i++) await leaf.call(add, i, 1);
    const viaRtts: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = process.hrtime.bigint();
      await leaf.call(add, i, 1);
      viaRtts.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
    report('via.call_rtt_us', median(viaRtts), 'us');
  } finally {
    await master.shutdown();
  }
}
