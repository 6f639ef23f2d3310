import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fileModule } from '../../modules/file.js';
import { run, snapshot } from './support.js';

const plan = (args: Record<string, unknown>, state: Record<string, unknown>) =>
  fileModule.plan(fileModule.args.parse(args), state as never, { check: false, diff: false });

describe('file: plans from fake state', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[], string]> = [
    [
      'creates a missing directory',
      { path: '/x', state: 'directory' },
      { exists: false },
      ['mkdir'],
      '/x: mkdir',
    ],
    [
      'leaves an existing directory with the right mode',
      { path: '/x', state: 'directory', mode: '0755' },
      { exists: true, kind: 'directory', mode: 0o755 },
      [],
      '/x is already a directory with mode 0755',
    ],
    [
      'changes only the mode',
      { path: '/x', state: 'directory', mode: '0700' },
      { exists: true, kind: 'directory', mode: 0o755 },
      ['chmod'],
      '/x: chmod',
    ],
    [
      'removes what exists for state=absent',
      { path: '/x', state: 'absent' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['remove'],
      '/x will be removed',
    ],
    [
      'does nothing for an absent path that should be absent',
      { path: '/x', state: 'absent' },
      { exists: false },
      [],
      '/x is already absent',
    ],
    [
      'touch with preserved times leaves an existing file alone',
      { path: '/x', state: 'touch', modification_time: 'preserve', access_time: 'preserve' },
      { exists: true, kind: 'file', mode: 0o644 },
      [],
      '/x is already a file',
    ],
    [
      'touch without preserve updates the times',
      { path: '/x', state: 'touch' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['times'],
      '/x: times',
    ],
    [
      'accepts dest and name as aliases of path',
      { dest: '/y', state: 'directory' },
      { exists: false },
      ['mkdir'],
      '/y: mkdir',
    ],
    [
      'applies a symbolic mode to the current one',
      { path: '/x', state: 'file', mode: 'g+w,o-r' },
      { exists: true, kind: 'file', mode: 0o644 },
      ['chmod'],
      '/x: chmod',
    ],
  ];
  for (const [title, args, state, steps, reason] of cases) {
    test(title, () => {
      const result = plan(args, state);
      expect(result.steps.map((s) => s.do)).toEqual(steps);
      expect(result.reason).toBe(reason);
    });
  }

  test('rejects unknown arguments and bad modes', () => {
    expect(fileModule.args.safeParse({ path: '/x', stat: 'directory' }).success).toBe(false);
    expect(fileModule.args.safeParse({ path: '/x', mode: '999' }).success).toBe(false);
  });
});

describe('file: real runs', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('creates a directory with a mode, then reports no change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    const target = join(dir, 'a', 'b');
    expect(await run(fileModule, { path: target, state: 'directory', mode: '0750' })).toMatchObject({
      changed: true,
    });
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(await run(fileModule, { path: target, state: 'directory', mode: '0750' })).toMatchObject({
      changed: false,
      msg: `${target} is already a directory with mode 0750`,
    });
  });

  test('touch with preserved times is idempotent like Ansible', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    const args = {
      path: join(dir, 't'),
      state: 'touch',
      mode: '0640',
      modification_time: 'preserve',
      access_time: 'preserve',
    };
    expect((await run(fileModule, args)).changed).toBe(true);
    expect(statSync(args.path).mode & 0o777).toBe(0o640);
    expect((await run(fileModule, args)).changed).toBe(false);
  });

  test('fails clearly for state=file on a missing path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    const result = await run(fileModule, { path: join(dir, 'nope') });
    expect(result).toMatchObject({ changed: false });
    expect(result.msg).toBe(`file (${join(dir, 'nope')}) is absent, cannot continue`);
  });

  test('check mode reports the change and touches nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-file-'));
    writeFileSync(join(dir, 'f'), 'x', { mode: 0o644 });
    const before = snapshot(dir);
    expect(await run(fileModule, { path: join(dir, 'f'), mode: '0600' }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(
      await run(fileModule, { path: join(dir, 'new'), state: 'directory' }, { check: true }),
    ).toMatchObject({ changed: true });
    expect(await run(fileModule, { path: join(dir, 'f'), state: 'absent' }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});
