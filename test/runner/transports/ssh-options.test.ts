import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { connectionSettings } from '../../../dsl/inventory/connection-settings.js';
import { ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { ContextPool } from '../../../runner/play/connections.js';
import { sshOptionsFor } from '../../../runner/transports/ssh-options.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

let dir: string;
let home: string;
const env = () => ({ connectTimeoutMs: 5000, home });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-ssh-options-'));
  home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_app'), 'not really a key');
  writeFileSync(
    join(home, '.ssh', 'config'),
    [
      'Host app',
      '  HostName 10.1.2.3',
      '  Port 2201',
      '  User deploy',
      '  IdentityFile ~/.ssh/missing_key',
      '  IdentityFile ~/.ssh/id_app',
      '  ProxyJump gate',
      'Host gate',
      '  HostName 10.0.0.1',
      '  User jumper',
      '  ProxyJump ops@outer:2022',
      'Host outer',
      '  HostName 192.0.2.1',
      '  UserKnownHostsFile ~/outer_known_hosts',
      'Host loop1',
      '  ProxyJump loop2',
      'Host loop2',
      '  ProxyJump loop1',
      'Host *',
      '  StrictHostKeyChecking accept-new',
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the ssh options of an inventory host', () => {
  test('~/.ssh/config fills in what the inventory leaves out, skipping identity files that do not exist', () => {
    const options = sshOptionsFor('app', connectionSettings('app', {}), env());
    expect(options).toMatchObject({
      name: 'app',
      host: '10.1.2.3',
      port: 2201,
      user: 'deploy',
      privateKeyFile: join(home, '.ssh', 'id_app'),
      hostKeyPolicy: 'accept-new',
    });
  });

  test('inventory variables win over the ssh config, as the ssh command line does', () => {
    const vars = {
      ansible_port: 22,
      ansible_user: 'root',
      ansible_ssh_private_key_file: '~/.ssh/other',
      spindle_host_key_policy: 'strict',
    };
    expect(sshOptionsFor('app', connectionSettings('app', vars), env())).toMatchObject({
      port: 22,
      user: 'root',
      privateKeyFile: join(home, '.ssh', 'other'),
      hostKeyPolicy: 'strict',
    });
  });

  test("ProxyJump hops resolve in the same config, the first hop's own ProxyJump before it", () => {
    const { jumps } = sshOptionsFor('app', connectionSettings('app', {}), env());
    expect(jumps?.map((j) => [j.user, j.host, j.port])).toEqual([
      ['ops', '192.0.2.1', 2022],
      ['jumper', '10.0.0.1', undefined],
    ]);
    expect(jumps?.[0].knownHostsFile).toBe(join(home, 'outer_known_hosts'));
  });

  test('-J in ansible_ssh_common_args replaces the ProxyJump of the config', () => {
    const settings = connectionSettings('app', { ansible_ssh_common_args: '-J admin@10.9.9.9:2222' });
    const { jumps } = sshOptionsFor('app', settings, env());
    expect(jumps?.map((j) => [j.user, j.host, j.port])).toEqual([['admin', '10.9.9.9', 2222]]);
  });

  test('a ProxyJump loop is reported instead of followed forever', () => {
    expect(() => sshOptionsFor('loop1', connectionSettings('loop1', {}), env())).toThrow(
      /loop1: ProxyJump chain longer than 8 hops/,
    );
  });

  test('a config file named by spindle_ssh_config that cannot be read fails naming the host and the file', () => {
    const missing = join(dir, 'nope');
    const error = (() => {
      try {
        sshOptionsFor('web', connectionSettings('web', { spindle_ssh_config: missing }), env());
      } catch (e) {
        return e;
      }
    })() as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.message).toMatch(new RegExp(`^web: cannot read ssh config ${missing}: ENOENT`));
  });

  test('host_key_checking=False in ansible.cfg turns checking off for every hop', () => {
    const { hostKeyPolicy, jumps } = sshOptionsFor('app', connectionSettings('app', {}), {
      ...env(),
      hostKeyChecking: false,
    });
    expect([hostKeyPolicy, ...(jumps ?? []).map((j) => j.hostKeyPolicy)]).toEqual(['off', 'off', 'off']);
  });
});

describe('connecting with only an ssh config file, against real sshds', () => {
  let target: TestSshd;
  let jump: TestSshd;
  let master: Master | undefined;

  beforeAll(async () => {
    target = await startSshd();
    jump = await startSshd({ clientKey: target.clientKey, logLevel: 'DEBUG1' });
    writeFileSync(join(dir, 'known_hosts'), `${target.knownHostsLine}\n${jump.knownHostsLine}\n`);
    writeFileSync(
      join(dir, 'ssh_config'),
      [
        'Host web-alias',
        '  HostName 127.0.0.1',
        `  Port ${target.port}`,
        'Host hidden-alias',
        '  HostName 127.0.0.1',
        `  Port ${target.port}`,
        '  ProxyJump bastion-alias',
        'Host bastion-alias',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        'Host *',
        '  User root',
        `  IdentityFile ${target.clientKey}`,
        `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
        '  StrictHostKeyChecking yes',
        '',
      ].join('\n'),
    );
  }, 60_000);

  afterEach(async () => {
    await master?.shutdown();
    master = undefined;
  });

  afterAll(async () => {
    await target?.stop();
    await jump?.stop();
  });

  test('an alias resolves to HostName, Port, User and IdentityFile from the file given with -F', async () => {
    master = await createMaster();
    const pool = new ContextPool(master, 10_000);
    const settings = connectionSettings('web-alias', {
      ansible_ssh_common_args: `-F ${join(dir, 'ssh_config')}`,
    });
    const ctx = await pool.get({ host: 'web-alias', settings });
    expect(await ctx.call(basic('sh'), 'echo "$USER $SSH_CONNECTION"')).toMatch(
      new RegExp(`^root 127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${target.port}\\n$`),
    );
  });

  test('ProxyJump in the file given with spindle_ssh_config tunnels through the jump host', async () => {
    master = await createMaster();
    const pool = new ContextPool(master, 10_000);
    const settings = connectionSettings('hidden-alias', { spindle_ssh_config: join(dir, 'ssh_config') });
    const ctx = await pool.get({ host: 'hidden-alias', settings });
    expect(await ctx.call(basic('add'), 20, 1)).toBe(21);
    expect(jump.log()).toMatch(
      new RegExp(`direct_tcpip: originator .* target 127\\.0\\.0\\.1 port ${target.port}\\b`),
    );
  });
});
