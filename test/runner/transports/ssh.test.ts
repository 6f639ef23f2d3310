import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { sshMethod } from '../../../runner/transports/ssh.js';
import { freePort, startSshd, type TestSshd } from '../../e2e/support/sshd.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

let servers: TestSshd[] = [];
let dir: string;
let master: Master;

beforeAll(async () => {
  servers = [await startSshd()];
  servers.push(await startSshd({ clientKey: servers[0].clientKey }));
  dir = mkdtempSync(join(tmpdir(), 'spindle-ssh-'));
}, 60_000);

afterEach(async () => {
  await master?.shutdown();
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function options(server: TestSshd, extra: Partial<Parameters<typeof sshMethod>[0]> = {}) {
  return {
    name: `web${server.port}`,
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    privateKeyFile: server.clientKey,
    ...extra,
  };
}

describe('the ssh connection method against a real sshd', () => {
  test('refuses an unknown host key by default, naming the host and its SHA256 fingerprint', async () => {
    master = await createMaster();
    const knownHostsFile = join(dir, 'empty_known_hosts');
    const error = (await master
      .connect(sshMethod(options(servers[0], { knownHostsFile })))
      .catch((e) => e)) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.phase).toBe('hostkey');
    expect(error.message).toMatch(
      new RegExp(
        `unknown host key for \\[127\\.0\\.0\\.1\\]:${servers[0].port}: ssh-ed25519 SHA256:[A-Za-z0-9+/]{43} is not in`,
      ),
    );
    expect(existsSync(knownHostsFile)).toBe(false);
  });

  test('accept-new records an unknown key, then connects and runs calls over one channel', async () => {
    master = await createMaster();
    const knownHostsFile = join(dir, 'accept_new_known_hosts');
    const ctx = await master.connect(
      sshMethod(options(servers[0], { knownHostsFile, hostKeyPolicy: 'accept-new' })),
    );
    expect(readFileSync(knownHostsFile, 'utf8')).toBe(`${servers[0].knownHostsLine}\n`);
    expect(await ctx.call(basic('add'), 20, 22)).toBe(42);
    const leaf = await master.local({ via: ctx });
    expect(await leaf.call(basic('add'), 1, 1)).toBe(2);
  });

  test('always refuses a changed host key, even with accept-new', async () => {
    master = await createMaster();
    const knownHostsFile = join(dir, 'changed_known_hosts');
    const otherKey = servers[1].knownHostsLine.split(' ').slice(1).join(' ');
    writeFileSync(knownHostsFile, `[127.0.0.1]:${servers[0].port} ${otherKey}\n`);
    const error = (await master
      .connect(sshMethod(options(servers[0], { knownHostsFile, hostKeyPolicy: 'accept-new' })))
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('hostkey');
    expect(error.message).toMatch(/^HOST KEY CHANGED for \[127\.0\.0\.1\]:\d+/);
  });

  test('a closed port fails fast in the tcp phase', async () => {
    master = await createMaster();
    const port = await freePort();
    const error = (await master
      .connect(sshMethod({ name: 'dead', host: '127.0.0.1', port, hostKeyPolicy: 'off' }))
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('tcp');
    expect(error.message).toMatch(/^dead \(127\.0\.0\.1:\d+\): cannot connect/);
  });

  test('a wrong key fails in the auth phase', async () => {
    master = await createMaster();
    const stranger = join(dir, 'stranger');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const error = (await master
      .connect(sshMethod(options(servers[0], { privateKeyFile: stranger, hostKeyPolicy: 'off' })))
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('auth');
  });

  test('a playbook runs on two sshd hosts with strict host keys, while a dead host is unreachable', async () => {
    const knownHostsFile = join(dir, 'play_known_hosts');
    writeFileSync(knownHostsFile, servers.map((s) => s.knownHostsLine).join('\n') + '\n');
    const builder = new InventoryBuilder();
    const common = {
      ansible_connection: 'ssh',
      ansible_host: '127.0.0.1',
      ansible_user: 'root',
      ansible_ssh_private_key_file: servers[0].clientKey,
      spindle_known_hosts_file: knownHostsFile,
    };
    servers.forEach((server, i) =>
      builder.addHost(`web${i + 1}`, 'web', { ...common, ansible_port: server.port }),
    );
    builder.addHost('dead', 'web', { ...common, ansible_port: await freePort() });
    const inventory = builder.build();
    const { graph } = compilePlaybook(
      join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'ssh', 'remote.yml'),
      { inventory },
    );
    const events: RunEvent[] = [];
    const outcome = await runPlaybook({
      graph,
      inventory,
      extraVars: { work: dir },
      check: false,
      diff: false,
      verbosity: 0,
      connectTimeoutMs: 10_000,
      emit: (e) => events.push(e),
    });
    expect(outcome.exitCode).toBe(4);
    expect(outcome.stats.web1).toMatchObject({ ok: 3, changed: 1, failed: 0, unreachable: 0 });
    expect(outcome.stats.dead.unreachable).toBe(1);
    expect(readFileSync(join(dir, 'web2.txt'), 'utf8')).toMatch(/^web2 runs /);
    const lines = events
      .filter((e) => e.kind === 'host:output')
      .map((e) => `${(e as { host: string }).host}: ${(e as { line: string }).line}`);
    expect(lines).toContain('web1: hello over ssh from web1');
  });
});
