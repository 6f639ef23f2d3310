import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createMaster, type Master, ref } from '../../../runner/core/index.js';
import { nodeModeImport, shippedInterop } from '../../../runner/core/shipped-interop.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'functions');
const shared = join(fixtures, 'shared');
const entry = join(fixtures, 'uses-default.ts');

let master: Master | undefined;
afterEach(async () => {
  await master?.shutdown();
  master = undefined;
});

describe('default exports of shared modules', () => {
  test('a default export of a shared module is a function in the module that imports it', async () => {
    master = await createMaster({ sharedRoots: [shared] });
    const records = await master.responder.prepare(entry);
    expect(records.map((r) => r.name)).toContain(`file:${join(shared, 'greeting.ts')}`);
    const ctx = await master.local();
    expect(await ctx.call(ref(entry, 'greet'), 'spindle')).toBe('hello spindle!');
  });
});

describe('shippedInterop', () => {
  test('the interop flag is dropped only for the names that are shipped', () => {
    const source = 'var a = __toESM(require("file:/x.ts"), 1);\nvar b = __toESM(require("other"), 1);';
    const out = shippedInterop(source, ['file:/x.ts']);
    expect(out).toContain('__toESM(require("file:/x.ts"));');
    expect(out).toContain('__toESM(require("other"), 1)');
    expect(nodeModeImport(out, ['file:/x.ts'])).toBeUndefined();
    expect(nodeModeImport(out, ['other'])).toBe('other');
  });
});
