import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aptCommands, aptModule } from '../../modules/apt.js';
import { run } from './support.js';

const PKG = 'spindle-apt-test';
const STAMP = '/var/lib/apt/periodic/update-success-stamp';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-apt-'));
});

afterAll(() => {
  execFileSync('sh', ['-c', `dpkg -r ${PKG} >/dev/null 2>&1; true`]);
  rmSync(dir, { recursive: true, force: true });
});

function buildDeb(version: string): string {
  const root = join(dir, `pkg-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr', 'share', PKG), { recursive: true });
  writeFileSync(join(root, 'usr', 'share', PKG, 'version'), `${version}\n`);
  writeFileSync(
    join(root, 'DEBIAN', 'control'),
    `Package: ${PKG}\nVersion: ${version}\nArchitecture: all\nMaintainer: Spindle tests <tests@localhost>\nDescription: a package built by the tests\n`,
  );
  const deb = join(dir, `${PKG}_${version}.deb`);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', root, deb], { stdio: 'ignore' });
  return deb;
}

const installedVersion = () =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  execFileSync('dpkg-query', ['-W', '-f', '${Version}', PKG], { encoding: 'utf8' }).trim();

describe('apt as Ansible', () => {
  test('installs a local .deb, replaces it by another version of it, and is unchanged when it is in place', async () => {
    const v2 = buildDeb('2.0');
    const v1 = buildDeb('1.0');
    expect((await run(aptModule, { deb: v2 })).changed).toBe(true);
    expect(installedVersion()).toBe('2.0');
    expect(await run(aptModule, { deb: v2 })).toMatchObject({ changed: false });
    expect((await run(aptModule, { deb: v1, allow_downgrade: true })).changed).toBe(true);
    expect(installedVersion()).toBe('1.0');
    expect(existsSync(`/usr/share/${PKG}/version`)).toBe(true);
  });

  test('a fresh cache with cache_valid_time is ok, and check mode with a stale one changes nothing', async () => {
    mkdirSync('/var/lib/apt/periodic', { recursive: true });
    writeFileSync(STAMP, '');
    expect(await run(aptModule, { update_cache: true, cache_valid_time: 3600 })).toMatchObject({
      changed: false,
    });
    const old = new Date(Date.now() - 7200_000);
    utimesSync(STAMP, old, old);
    const checked = await run(aptModule, { update_cache: true, cache_valid_time: 3600 }, { check: true });
    expect(checked.changed).toBe(true);
    expect(checked.msg).toMatch(/older than cache_valid_time/);
    expect(Math.abs(statSync(STAMP).mtimeMs - old.getTime())).toBeLessThan(1000);
  });

  test('passes dpkg_options, default_release, allow_downgrade and install_recommends to apt-get like Ansible', () => {
    const state = { installed: {}, upgradable: [], cacheAgeS: 0 };
    const a = aptModule.args.parse({
      name: 'nginx',
      default_release: 'bookworm-backports',
      'allow-downgrades': true,
      install_recommends: true,
      autoremove: true,
    });
    expect(aptCommands(a, state)).toEqual([
      [
        'apt-get',
        'install',
        '-y',
        '-q',
        '-o',
        'Dpkg::Options::=--force-confdef',
        '-o',
        'Dpkg::Options::=--force-confold',
        '-o',
        'DPkg::Lock::Timeout=60',
        '-t',
        'bookworm-backports',
        '--allow-downgrades',
        '--install-recommends',
        'nginx',
      ],
      [
        'apt-get',
        'autoremove',
        '-y',
        '-q',
        '-o',
        'Dpkg::Options::=--force-confdef',
        '-o',
        'Dpkg::Options::=--force-confold',
        '-o',
        'DPkg::Lock::Timeout=60',
      ],
    ]);
    const custom = aptModule.args.parse({ name: 'x', dpkg_options: 'force-confnew' });
    expect(aptCommands(custom, state)[0]).toContain('Dpkg::Options::=--force-confnew');
  });

  test('an option the native apt does not implement fails the task naming it', async () => {
    const result = await run(aptModule, { upgrade: 'dist' });
    expect(result.failed).toBe(true);
    expect(result.msg).toMatch(/option `upgrade` is not supported/);
  });
});
