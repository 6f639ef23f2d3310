import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { validateArgs } from '../../../modules/contract/run-module.js';
import { findBuiltin } from '../../../modules/registry.js';
import { createMaster, type Master, ref } from '../../../runner/core/index.js';
import { packageRoot } from '../../../runner/core/package-root.js';

const builtin = (name: string) => join(packageRoot(), findBuiltin(name)?.file ?? '');
const customModule = join(import.meta.dirname, '..', '..', '..', 'playbooks', 'custom-module', 'modules');

let master: Master;
let dir: string | undefined;
afterEach(async () => {
  await master?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('shipping built-in modules', () => {
  test('a built-in module is bundled against the inert zod, never the real one', async () => {
    master = await createMaster();
    const records = await master.responder.prepare(builtin('file'));
    const names = records.map((r) => r.name);
    expect(names).toContain('npm:zod+inert');
    expect(names).not.toContain('npm:zod');
    // file with everything it imports is ~65 KiB of JavaScript; the real zod alone would add ~10 times that.
    const shipped = records.reduce((sum, r) => sum + r.source.length, 0);
    expect(shipped).toBeLessThan(96 * 1024);
  });

  test('a built-in module runs remotely on arguments the controller validated', async () => {
    master = await createMaster();
    const ctx = await master.local();
    dir = mkdtempSync(join(tmpdir(), 'spindle-responder-'));
    const checked = validateArgs(findBuiltin('file')!.definition, {
      path: join(dir, 'made'),
      state: 'directory',
    });
    if (!checked.ok) throw new Error('the arguments should be valid');
    const result = (await ctx.call(ref(builtin('file'), 'run'), {
      taskId: 't1',
      args: checked.args,
      validated: true,
      check: false,
      diff: false,
    })) as { changed: boolean; failed?: boolean; msg?: string };
    expect(result.failed).toBeUndefined();
    expect(result.changed).toBe(true);
    expect(statSync(join(dir, 'made')).isDirectory()).toBe(true);
  });

  test('a built-in module called without the controller validation fails with a message saying so', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const result = (await ctx.call(ref(builtin('stat'), 'run'), {
      taskId: 't1',
      args: { path: '/' },
      check: false,
      diff: false,
    })) as { failed?: boolean; msg?: string };
    expect(result.failed).toBe(true);
    expect(result.msg).toContain('validated on the controller');
  });

  test("a playbook's own module still gets the real zod", async () => {
    master = await createMaster();
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(customModule).find((f) => f.endsWith('.ts'))!;
    const records = await master.responder.prepare(join(customModule, file));
    const names = records.map((r) => r.name);
    expect(names).toContain('npm:zod');
    expect(names.some((n) => n.endsWith('+inert'))).toBe(false);
  });
});
