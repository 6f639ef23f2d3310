import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GitState } from '../../../modules/git/git.js';
import { gitModule } from '../../../modules/git/git.js';
import { run, snapshot } from '../support.js';

// Identity for the test's commits comes from the environment, never from a global git config.
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Spindle Test',
  GIT_AUTHOR_EMAIL: 'test@spindle.invalid',
  GIT_COMMITTER_NAME: 'Spindle Test',
  GIT_COMMITTER_EMAIL: 'test@spindle.invalid',
};

let dir: string;
let origin: string;
const shas: Record<string, string> = {};

function sh(cwd: string, ...argv: string[]): string {
  return execFileSync('git', argv, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

function commit(file: string, text: string, message: string): string {
  writeFileSync(join(origin, file), text);
  sh(origin, 'add', file);
  sh(origin, 'commit', '-q', '-m', message);
  return sh(origin, 'rev-parse', 'HEAD');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-git-'));
  origin = join(dir, 'origin');
  execFileSync('git', ['init', '-q', '-b', 'main', origin], { env: gitEnv });
  shas.first = commit('app.txt', 'one\n', 'first');
  sh(origin, 'tag', '-a', 'v1.0', '-m', 'release 1.0');
  shas.main = commit('app.txt', 'two\n', 'second');
  sh(origin, 'checkout', '-q', '-b', 'feature');
  shas.feature = commit('feature.txt', 'feature\n', 'feature work');
  sh(origin, 'checkout', '-q', 'main');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('git', () => {
  test('clones by path, then reports no change when already at the wanted revision', async () => {
    const dest = join(dir, 'by-path');
    const first = await run(gitModule, { repo: origin, dest });
    expect(first).toMatchObject({ changed: true, before: null, after: shas.main });
    expect(readFileSync(join(dest, 'app.txt'), 'utf8')).toBe('two\n');
    const second = await run(gitModule, { repo: origin, dest });
    expect(second).toMatchObject({ changed: false, before: shas.main, after: shas.main });
    expect(second.msg).toBe(`${dest} is already at branch main (${shas.main})`);
  });

  test('clones a file:// URL at a tag, then moves to a branch and to a sha', async () => {
    const dest = join(dir, 'by-url');
    const repo = `file://${origin}`;
    expect(await run(gitModule, { repo, dest, version: 'v1.0' })).toMatchObject({
      changed: true,
      after: shas.first,
    });
    expect(await run(gitModule, { repo, dest, version: 'v1.0' })).toMatchObject({ changed: false });
    expect(await run(gitModule, { repo, dest, version: 'feature' })).toMatchObject({
      changed: true,
      before: shas.first,
      after: shas.feature,
    });
    expect(existsSync(join(dest, 'feature.txt'))).toBe(true);
    expect(await run(gitModule, { repo, dest, version: shas.main.slice(0, 10) })).toMatchObject({
      changed: true,
      after: shas.main,
    });
    expect(await run(gitModule, { repo, dest, version: shas.main.slice(0, 10) })).toMatchObject({
      changed: false,
    });
  });

  test('follows new commits on the branch and makes a shallow clone with depth 1', async () => {
    const dest = join(dir, 'follow');
    await run(gitModule, { repo: origin, dest, version: 'main' });
    const third = commit('app.txt', 'three\n', 'third');
    expect(await run(gitModule, { repo: origin, dest, version: 'main' })).toMatchObject({
      changed: true,
      before: shas.main,
      after: third,
    });
    expect(readFileSync(join(dest, 'app.txt'), 'utf8')).toBe('three\n');
    shas.main = third;
    const shallow = join(dir, 'shallow');
    expect(await run(gitModule, { repo: `file://${origin}`, dest: shallow, depth: 1 })).toMatchObject({
      changed: true,
      after: third,
    });
    expect(sh(shallow, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  test('refuses local modifications without force, naming the destination, and discards them with force', async () => {
    const dest = join(dir, 'modified');
    await run(gitModule, { repo: origin, dest, version: 'v1.0' });
    writeFileSync(join(dest, 'app.txt'), 'edited by hand\n');
    const refused = await run(gitModule, { repo: origin, dest, version: 'main' });
    expect(refused).toMatchObject({ failed: true });
    expect(refused.msg).toBe(
      `git: Local modifications exist in the destination: ${dest} (force=no); repo ${origin}`,
    );
    expect(readFileSync(join(dest, 'app.txt'), 'utf8')).toBe('edited by hand\n');
    const forced = await run(gitModule, { repo: origin, dest, version: 'main', force: true });
    expect(forced).toMatchObject({ changed: true, after: shas.main });
    expect(readFileSync(join(dest, 'app.txt'), 'utf8')).not.toBe('edited by hand\n');
  });

  test('check mode asks the remote with ls-remote and touches nothing', async () => {
    const dest = join(dir, 'checked');
    const fresh = await run(gitModule, { repo: origin, dest }, { check: true });
    expect(fresh).toMatchObject({ changed: true, before: null, after: shas.main });
    expect(existsSync(dest)).toBe(false);
    await run(gitModule, { repo: origin, dest, version: 'v1.0' });
    const before = snapshot(dest);
    const moved = await run(gitModule, { repo: origin, dest, version: 'feature' }, { check: true });
    expect(moved).toMatchObject({ changed: true, before: shas.first, after: shas.feature });
    expect(snapshot(dest)).toEqual(before);
  });

  test('records a changed remote URL and reports it', async () => {
    const dest = join(dir, 'moved-remote');
    await run(gitModule, { repo: origin, dest });
    const result = await run(gitModule, { repo: `file://${origin}`, dest });
    expect(result).toMatchObject({ changed: true, remote_url_changed: true });
    expect(sh(dest, 'config', '--get', 'remote.origin.url')).toBe(`file://${origin}`);
  });

  test('plans from fixtures: no clone when clone is off, a refusal for a foreign directory', () => {
    const a = gitModule.args.parse({ repo: '/r', dest: '/d', clone: false });
    const absent: GitState = { isRepo: false, occupied: false, localMods: false };
    expect(gitModule.plan(a, absent, { check: false, diff: false })).toEqual({
      steps: [],
      reason: '/d is not cloned and clone is off',
    });
    expect(() => gitModule.plan(a, { ...absent, occupied: true }, { check: false, diff: false })).toThrow(
      'git: /d exists, is not empty and is not a git repository (/r)',
    );
  });
});
