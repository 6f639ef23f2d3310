import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { TaskNode } from '../../../dsl/graph.js';
import type { Templar } from '../../../dsl/template/templar.js';
import type { ActionContext } from '../../../runner/actions/action-context.js';
import { fetchDestination, prepareFetch } from '../../../runner/actions/fetch.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function context(playbookDir: string): ActionContext {
  return {
    playbookDir,
    task: {} as TaskNode,
    templar: {} as Templar,
    vars: { inventory_hostname: 'web1' },
    offerFile: () => {},
    maxMessageSize: 1024 * 1024,
  };
}

describe('where fetch puts a file on the controller', () => {
  test('without flat: dest/<host>/<src path>, relative to the playbook folder', () => {
    expect(fetchDestination({ src: '/etc/app.conf', dest: 'backups' }, 'web1', '/pb')).toBe(
      '/pb/backups/web1/etc/app.conf',
    );
    expect(fetchDestination({ src: 'rel/log.txt', dest: '/srv/f/' }, 'web1', '/pb')).toBe(
      '/srv/f/web1/rel/log.txt',
    );
    expect(fetchDestination({ src: '/x', dest: '~/f' }, 'h', '/pb')).toBe(join(homedir(), 'f', 'h', 'x'));
  });

  test('with flat: dest itself, or dest/ plus the source file name', () => {
    expect(fetchDestination({ src: '/etc/app.conf', dest: 'out/app.conf', flat: true }, 'web1', '/pb')).toBe(
      '/pb/out/app.conf',
    );
    expect(fetchDestination({ src: '/etc/app.conf', dest: '/tmp/out/', flat: true }, 'web1', '/pb')).toBe(
      '/tmp/out/app.conf',
    );
  });

  test('refuses an existing directory without a trailing slash, and a src that climbs out of dest/<host>', () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-fetchpath-'));
    expect(() =>
      fetchDestination({ src: '/etc/hosts', dest: dir as string, flat: true }, 'h', '/pb'),
    ).toThrow(
      'dest is an existing directory, use a trailing slash if you want to fetch src into that directory',
    );
    expect(() => fetchDestination({ src: '../../../etc/passwd', dest: '/srv/f' }, 'h', '/pb')).toThrow(
      /Detected directory traversal/,
    );
  });

  test("passes the controller copy's SHA-1 (null when there is none) and the largest size a reply can carry", () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-fetchpath-'));
    writeFileSync(join(dir, 'have'), 'hello\n');
    const args = prepareFetch({ src: '/x/have', dest: `${dir}/`, flat: true }, context(dir));
    expect(args).toMatchObject({
      _dest: join(dir, 'have'),
      _dest_checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f',
      _max_size: 1024 * 1024 - 64 * 1024,
    });
    expect(prepareFetch({ src: '/x/none', dest: dir, flat: false }, context(dir))).toMatchObject({
      _dest: join(dir, 'web1', 'x', 'none'),
      _dest_checksum: null,
    });
    expect(prepareFetch({ src: '~/.bashrc', dest: 'f' }, context(dir))).toMatchObject({
      _dest_base: join(dir, 'f', 'web1'),
    });
  });
});
