import { describe, expect, test } from 'vitest';
import { planTree, type TreeState, type TreeTarget } from '../../../modules/copy/copy-tree.js';

const target: TreeTarget = {
  src: 'site/',
  base: '/srv/www',
  entries: [
    { path: 'css', type: 'directory', mode: 0o755, size: 0 },
    { path: 'css/a.css', type: 'file', mode: 0o644, size: 3, sha1: 'aaa' },
    { path: 'index.html', type: 'file', mode: 0o600, size: 5, sha1: 'bbb' },
  ],
  force: true,
};
const dir = { exists: true, kind: 'directory' as const, mode: 0o755, uid: 0, gid: 0 };
const file = (mode: number) => ({ exists: true, kind: 'file' as const, mode, uid: 0, gid: 0, size: 5 });

function state(current: TreeState['current']): TreeState {
  return { base: dir, current, texts: {} };
}

describe('planTree', () => {
  test('writes only the files whose SHA-1 differs and creates missing directories', () => {
    const plan = planTree(
      { ...target, directoryMode: '0750' },
      state([{ path: { exists: false } }, { path: { exists: false } }, { path: file(0o644), sha1: 'bbb' }]),
      false,
    );
    expect(plan.steps).toEqual([
      { do: 'mkdir', path: '/srv/www/css', mode: 0o750 },
      { do: 'put', path: '/srv/www/css/a.css', rel: 'css/a.css', mode: undefined },
    ]);
    expect(plan.reason).toBe(
      '/srv/www: 1 file(s) to write, 1 directory(ies) to create, 0 attribute change(s)',
    );
  });

  test('reports no change with a reason when every file matches', () => {
    const plan = planTree(
      target,
      state([{ path: dir }, { path: file(0o644), sha1: 'aaa' }, { path: file(0o644), sha1: 'bbb' }]),
      false,
    );
    expect(plan).toEqual({ steps: [], reason: '/srv/www already holds the 2 files of site/' });
  });

  test('mode applies to files only, `preserve` takes the source mode, and force off leaves existing files alone', () => {
    const current = [{ path: dir }, { path: file(0o644), sha1: 'aaa' }, { path: file(0o644), sha1: 'old' }];
    const preserved = planTree({ ...target, mode: 'preserve' }, state(current), false);
    expect(preserved.steps).toEqual([
      { do: 'put', path: '/srv/www/index.html', rel: 'index.html', mode: 0o600 },
    ]);
    const kept = planTree({ ...target, force: false, mode: '0640' }, state(current), false);
    expect(kept.steps).toEqual([]);
    const chmodded = planTree({ ...target, mode: '0640' }, state(current), false);
    expect(chmodded.steps[0]).toEqual({ do: 'set-mode', path: '/srv/www/css/a.css', mode: 0o640 });
  });

  test('refuses a file where a directory is wanted', () => {
    const current = [{ path: file(0o644) }, { path: { exists: false } }, { path: { exists: false } }];
    expect(() => planTree(target, state(current), false)).toThrow(
      'copy: /srv/www/css exists and is not a directory',
    );
  });
});
