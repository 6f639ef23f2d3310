import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aptCommands, aptModule } from '../../modules/apt.js';
import { groupModule } from '../../modules/group.js';
import { serviceCommands, serviceModule } from '../../modules/service.js';
import { userModule } from '../../modules/user.js';
import { run } from './support.js';

const PKG = 'spindle-test-pkg';
const SVC = 'spindle-test-svc';
const USER = 'spindletestu';
const GROUP = 'spindletestg';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-sys-'));
});

afterAll(() => {
  execFileSync('sh', [
    '-c',
    `dpkg -r ${PKG} >/dev/null 2>&1; userdel -r ${USER} >/dev/null 2>&1; groupdel ${GROUP} >/dev/null 2>&1; rm -f /etc/init.d/${SVC} /tmp/${SVC}.running; true`,
  ]);
  rmSync(dir, { recursive: true, force: true });
});

function buildDeb(): string {
  const root = join(dir, 'pkg');
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr', 'share', PKG), { recursive: true });
  writeFileSync(join(root, 'usr', 'share', PKG, 'hello'), 'hello\n');
  writeFileSync(
    join(root, 'DEBIAN', 'control'),
    `Package: ${PKG}\nVersion: 1.0\nArchitecture: all\nMaintainer: Spindle tests <tests@localhost>\nDescription: a package built by the tests\n`,
  );
  const deb = join(dir, `${PKG}.deb`);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', root, deb], { stdio: 'ignore' });
  return deb;
}

describe('apt against the real dpkg', () => {
  test('installs a local .deb once, then removes the package once', async () => {
    const deb = buildDeb();
    expect((await run(aptModule, { deb })).changed).toBe(true);
    expect(existsSync(`/usr/share/${PKG}/hello`)).toBe(true);
    expect(await run(aptModule, { deb })).toMatchObject({ changed: false });
    expect((await run(aptModule, { name: PKG, state: 'absent' })).changed).toBe(true);
    expect(existsSync(`/usr/share/${PKG}/hello`)).toBe(false);
    expect(await run(aptModule, { name: PKG, state: 'absent' })).toMatchObject({
      changed: false,
      msg: `${PKG} already absent`,
    });
  });

  test('plans apt-get commands like Ansible: cache validity, missing packages only, latest', () => {
    const state = { installed: { curl: '7.88' }, upgradable: ['curl'], cacheAgeS: 100 };
    const parse = (a: Record<string, unknown>) => aptModule.args.parse(a);
    const O = [
      '-o',
      'Dpkg::Options::=--force-confdef',
      '-o',
      'Dpkg::Options::=--force-confold',
      '-o',
      'DPkg::Lock::Timeout=60',
    ];
    expect(
      aptCommands(parse({ name: ['curl', 'jq'], update_cache: true, cache_valid_time: 3600 }), state),
    ).toEqual([['apt-get', 'install', '-y', '-q', ...O, 'jq']]);
    expect(aptCommands(parse({ name: 'curl,jq', update_cache: true, cache_valid_time: 60 }), state)).toEqual([
      ['apt-get', 'update', '-q'],
      ['apt-get', 'install', '-y', '-q', ...O, 'jq'],
    ]);
    expect(aptCommands(parse({ name: 'curl', state: 'latest', install_recommends: false }), state)).toEqual([
      ['apt-get', 'install', '-y', '-q', ...O, '--only-upgrade', 'curl'],
    ]);
    expect(aptCommands(parse({ name: 'curl', state: 'absent', purge: true }), state)).toEqual([
      ['apt-get', 'purge', '-y', '-q', ...O, 'curl'],
    ]);
  });
});

describe('service', () => {
  test('starts and stops a real SysV init script, idempotently', async () => {
    const script = `/etc/init.d/${SVC}`;
    writeFileSync(
      script,
      `#!/bin/sh\ncase "$1" in\n start) touch /tmp/${SVC}.running ;;\n stop) rm -f /tmp/${SVC}.running ;;\n restart|reload) touch /tmp/${SVC}.running ;;\n status) test -f /tmp/${SVC}.running ;;\nesac\n`,
    );
    chmodSync(script, 0o755);
    if (existsSync('/run/systemd/system')) return; // a systemd host manages units, not this script: covered by the plan test
    expect((await run(serviceModule, { name: SVC, state: 'started' })).changed).toBe(true);
    expect(existsSync(`/tmp/${SVC}.running`)).toBe(true);
    expect(await run(serviceModule, { name: SVC, state: 'started' })).toMatchObject({
      changed: false,
      msg: `${SVC} is already running`,
    });
    expect((await run(serviceModule, { name: SVC, state: 'stopped' })).changed).toBe(true);
    expect(existsSync(`/tmp/${SVC}.running`)).toBe(false);
  });

  test('plans systemctl and SysV commands from the current state', () => {
    const a = (x: Record<string, unknown>) => serviceModule.args.parse(x);
    expect(
      serviceCommands(a({ name: 'nginx', state: 'started', enabled: true, daemon_reload: true }), {
        manager: 'systemd',
        running: false,
        enabled: false,
      }),
    ).toEqual([
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'enable', 'nginx'],
      ['systemctl', 'start', 'nginx'],
    ]);
    expect(
      serviceCommands(a({ name: 'nginx', state: 'reloaded' }), {
        manager: 'sysv',
        running: true,
        enabled: true,
      }),
    ).toEqual([['service', 'nginx', 'reload']]);
    expect(
      serviceCommands(a({ name: 'nginx', state: 'stopped', enabled: false }), {
        manager: 'sysv',
        running: false,
        enabled: true,
      }),
    ).toEqual([['update-rc.d', 'nginx', 'disable']]);
  });

  test('masked unmasks a masked unit before enabling and starting it, and masks only an unmasked one', () => {
    const a = (x: Record<string, unknown>) => serviceModule.args.parse(x);
    const masked = { manager: 'systemd' as const, running: false, enabled: false, masked: true };
    expect(
      serviceCommands(a({ name: 'nginx', masked: false, enabled: true, state: 'started' }), masked),
    ).toEqual([
      ['systemctl', 'unmask', 'nginx'],
      ['systemctl', 'enable', 'nginx'],
      ['systemctl', 'start', 'nginx'],
    ]);
    expect(serviceCommands(a({ name: 'nginx', masked: true }), masked)).toEqual([]);
    expect(serviceCommands(a({ name: 'nginx', masked: true }), { ...masked, masked: false })).toEqual([
      ['systemctl', 'mask', 'nginx'],
    ]);
    expect(() => serviceCommands(a({ name: 'nginx', masked: true }), { ...masked, manager: 'sysv' })).toThrow(
      /masked is a systemd setting/,
    );
  });
});

describe('user and group with the real useradd and groupadd', () => {
  test('create once, change once, remove once', async () => {
    expect((await run(groupModule, { name: GROUP })).changed).toBe(true);
    expect((await run(groupModule, { name: GROUP })).changed).toBe(false);
    expect((await run(userModule, { name: USER, shell: '/bin/sh', groups: [GROUP] })).changed).toBe(true);
    expect(await run(userModule, { name: USER, shell: '/bin/sh', groups: [GROUP] })).toMatchObject({
      changed: false,
      msg: `user ${USER} already exists as wanted`,
    });
    expect(execFileSync('id', ['-nG', USER], { encoding: 'utf8' })).toContain(GROUP);
    expect((await run(userModule, { name: USER, shell: '/bin/bash' })).changed).toBe(true);
    expect((await run(userModule, { name: USER, state: 'absent', remove: true })).changed).toBe(true);
    expect((await run(userModule, { name: USER, state: 'absent' })).changed).toBe(false);
    expect((await run(groupModule, { name: GROUP, state: 'absent' })).changed).toBe(true);
  });
});
