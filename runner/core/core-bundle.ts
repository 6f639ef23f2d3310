import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { packageRoot } from './package-root.js';

/** The bootstrap core as shipped: minified source, its raw-deflated bytes, and sizes for `npm run bench`. */
export interface CoreBundle {
  source: string;
  deflated: Buffer;
  rawBytes: number;
  minifiedBytes: number;
}

let pending: Promise<CoreBundle> | undefined;

/**
 * Builds the core from `bootstrap/main.ts` with esbuild (minified, node18, one IIFE) and raw-deflates it.
 * Cached in memory and on disk under node_modules/.cache/spindle, keyed by the bootstrap sources, so the
 * CLI and the tests need no separate build step and pay the build once.
 */
export function loadCoreBundle(): Promise<CoreBundle> {
  pending ??= buildCore();
  return pending;
}

async function buildCore(): Promise<CoreBundle> {
  const root = packageRoot();
  const dir = join(root, 'bootstrap');
  const key = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    const stat = statSync(join(dir, file));
    key.update(`${file}:${stat.size}:${stat.mtimeMs};`);
  }
  const digest = key.digest('hex').slice(0, 16);
  const cacheDir = join(root, 'node_modules', '.cache', 'spindle');
  const cacheFile = join(cacheDir, `core-${digest}.json`);
  try {
    const cachedBundle = JSON.parse(readFileSync(cacheFile, 'utf8'));
    return { ...cachedBundle, deflated: Buffer.from(cachedBundle.deflated, 'base64') };
  } catch {
    // not cached yet
  }
  const options = {
    entryPoints: [join(dir, 'main.ts')],
    bundle: true,
    write: false,
    platform: 'node' as const,
    target: 'node18',
    format: 'iife' as const,
    logLevel: 'silent' as const,
  };
  // esbuild is loaded only on a cache miss: loading it costs every run noticeable start-up CPU.
  const { build } = await import('esbuild');
  const [raw, minified] = await Promise.all([build(options), build({ ...options, minify: true })]);
  const source = minified.outputFiles![0].text;
  const bundle: CoreBundle = {
    source,
    deflated: deflateRawSync(Buffer.from(source), { level: 9 }),
    rawBytes: raw.outputFiles![0].contents.length,
    minifiedBytes: minified.outputFiles![0].contents.length,
  };
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ ...bundle, deflated: bundle.deflated.toString('base64') }));
  } catch {
    // a read-only checkout: keep the in-memory copy
  }
  return bundle;
}
