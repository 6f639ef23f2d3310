import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, test } from 'vitest';
import { atomicWrite } from '../../../modules/host/atomic-write.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic writes', () => {
  test('replace a file with mode set before the rename', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-aw-'));
    const path = join(dir, 'f');
    writeFileSync(path, 'old');
    await atomicWrite(path, 'new', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  test('a writer killed with SIGKILL mid-write leaves the old file intact', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-aw-'));
    const path = join(dir, 'precious');
    writeFileSync(path, 'the old content\n');
    // The child runs the real atomicWrite (bundled from source) and is killed while writing 1 GiB.
    const bundle = join(dir, '.writer.mjs');
    await build({
      stdin: {
        contents: `import { atomicWrite } from ${JSON.stringify(join(import.meta.dirname, '..', '..', '..', 'modules', 'host', 'atomic-write.ts'))};
          process.stdout.write('start\\n');
          await atomicWrite(${JSON.stringify(path)}, Buffer.alloc(1 << 30, 120));`,
        resolveDir: dir,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, [bundle], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(readFileSync(path, 'utf8')).toBe('the old content\n');
    const leftovers = readdirSync(dir).filter((f) => f !== 'precious' && f !== '.writer.mjs');
    expect(leftovers.every((f) => f.startsWith('.precious.spindle-tmp-'))).toBe(true);
  });
});

describe('preserving ownership', () => {
  test('a refused chown is ignored when the owner is only preserved, and reported when it was asked for', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-aw-'));
    const path = join(dir, 'f');
    writeFileSync(path, 'x');
    const { spawnSync } = await import('node:child_process');
    const script = join(dir, 'w.mjs');
    await build({
      stdin: {
        contents: `import { atomicWrite } from ${JSON.stringify(join(import.meta.dirname, '..', '..', '..', 'modules', 'host', 'atomic-write.ts'))};
          const target = process.argv[2];
          await atomicWrite(target + '.kept', 'a', { uid: 0, gid: 0, ownerBestEffort: true });
          try { await atomicWrite(target + '.asked', 'b', { uid: 0, gid: 0 }); console.log('no error'); } catch (e) { console.log(e.code); }`,
        resolveDir: dir,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const { chmodSync } = await import('node:fs');
    chmodSync(dir, 0o777);
    const out = spawnSync(process.execPath, [script, path], { uid: 65534, gid: 65534, encoding: 'utf8' });
    expect(out.stdout.trim()).toBe('EPERM');
    expect(readFileSync(`${path}.kept`, 'utf8')).toBe('a');
  });
});
