import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { itemChange, planRecurse, probeRecurse, type TreeItem } from '../../../modules/file/file-recurse.js';
import { resolveMode } from '../../../modules/host/modes.js';

const entry = (path: string, kind: TreeItem['kind'], mode: number): TreeItem => ({
  path,
  kind,
  mode,
  uid: 0,
  gid: 0,
});

describe('modes: symbolic X', () => {
  test('X gives execute to directories and to files that already have an execute bit', () => {
    expect(resolveMode('u=rwX,g=rX,o=rX', 0o700, true)).toBe(0o755);
    expect(resolveMode('u=rwX,g=rX,o=rX', 0o600, false)).toBe(0o644);
    expect(resolveMode('u=rwX,g=rX,o=rX', 0o744, false)).toBe(0o755);
    expect(resolveMode('a+X', 0o600, false)).toBe(0o600);
  });

  test('t sets the sticky bit only for o, as Ansible', () => {
    expect(resolveMode('o+t', 0o755, true)).toBe(0o1755);
    expect(resolveMode('u+t', 0o755, true)).toBe(0o755);
  });
});

describe('file recurse: plans from fake trees', () => {
  test('an octal mode applies to files and directories alike; links keep theirs', () => {
    const items = [
      entry('/r/d', 'directory', 0o755),
      entry('/r/d/f', 'file', 0o644),
      entry('/r/l', 'link', 0o777),
    ];
    const plan = planRecurse(items, '0700', undefined, undefined);
    expect(plan.changes.map((c) => [c.path, c.mode])).toEqual([
      ['/r/d', 0o700],
      ['/r/d/f', 0o700],
    ]);
  });

  test('nothing changes when every path already has the wanted attributes', () => {
    const items = [entry('/r/d', 'directory', 0o755), entry('/r/d/f', 'file', 0o644)];
    expect(planRecurse(items, 'u=rwX,g=rX,o=rX', 0, 0)).toEqual({ changes: [] });
  });

  test('owner and group changes are listed, links included', () => {
    expect(itemChange(entry('/r/l', 'link', 0o777), '0644', 1000, undefined)).toEqual({
      path: '/r/l',
      uid: 1000,
    });
  });
});

describe('file recurse: probing a real tree', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('lists parents before children and follows links only with follow', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-recurse-'));
    mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'root', 'sub', 'f'), 'x');
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'g'), 'y');
    symlinkSync('../outside', join(dir, 'root', 'ln'));
    symlinkSync('missing', join(dir, 'root', 'dangling'));
    symlinkSync('.', join(dir, 'root', 'self'));
    const rel = (items: TreeItem[]) => items.map((i) => `${i.path.slice(dir.length + 1)} ${i.kind}`);
    expect(rel(await probeRecurse(join(dir, 'root'), false))).toEqual([
      'root/dangling link',
      'root/ln link',
      'root/self link',
      'root/sub directory',
      'root/sub/f file',
    ]);
    expect(rel(await probeRecurse(join(dir, 'root'), true))).toEqual([
      'root/dangling link',
      'root/ln link',
      'outside directory',
      'outside/g file',
      'root/self link',
      'root/sub directory',
      'root/sub/f file',
    ]);
  });
});
