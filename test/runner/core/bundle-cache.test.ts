import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { Logger } from '../../../bootstrap/log.js';
import { Router } from '../../../bootstrap/router.js';
import { BundleCache } from '../../../runner/core/bundle-cache.js';
import { ModuleResponder } from '../../../runner/core/module-responder.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A responder as a fresh controller process would have it, with its disk cache in `cacheDir`. */
function responder(cacheDir: string | null): ModuleResponder {
  const log = new Logger('spindle', { id: 0, name: 'master' }, 'info');
  const router = new Router({
    id: 0,
    name: 'master',
    ancestors: [],
    maxMessageSize: 1 << 20,
    unidirectional: true,
    log,
  });
  return new ModuleResponder(router, BundleCache.at(cacheDir));
}

describe('the bundle disk cache', () => {
  test('a later controller ships the bundles of an earlier one without running esbuild', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-bundles-'));
    const module = join(dir, 'task.ts');
    writeFileSync(module, 'export function run(): number { return 41 + 1; }\n');
    const first = responder(join(dir, 'cache'));
    const made = await first.prepare(module);
    expect(first.bundlesBuilt).toBe(1);
    const second = responder(join(dir, 'cache'));
    expect(await second.prepare(module)).toEqual(made);
    expect(second.bundlesBuilt).toBe(0);
  });

  test('an input that changed since the bundle was made is bundled again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-bundles-'));
    const module = join(dir, 'task.ts');
    writeFileSync(module, 'export const answer = 1;\n');
    await responder(join(dir, 'cache')).prepare(module);
    writeFileSync(module, 'export const answer = 2;\n');
    utimesSync(module, new Date(), new Date(Date.now() + 5000));
    const later = responder(join(dir, 'cache'));
    const records = await later.prepare(module);
    expect(later.bundlesBuilt).toBe(1);
    expect(records.at(-1)!.source).toContain('answer = 2');
  });

  test('without a cache every controller bundles for itself', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-bundles-'));
    const module = join(dir, 'task.ts');
    writeFileSync(module, 'export const answer = 3;\n');
    await responder(null).prepare(module);
    const later = responder(null);
    await later.prepare(module);
    expect(later.bundlesBuilt).toBe(1);
  });
});
