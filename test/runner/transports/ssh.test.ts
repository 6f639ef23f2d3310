import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { ChannelError, ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { SshJumpPool } from '../../../runner/transports/jump-pool.js';
import { KEEPALIVE_COUNT_MAX, KEEPALIVE_INTERVAL_MS, sshMethod } from '../../../runner/transports/ssh.js';
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

/** Every process below `pid` (the sshd processes serving its connections, and what they run). */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out.split('\n').filter(Boolean).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

describe('ProxyJump: logging in through jump hosts', () => {
  let jumps: TestSshd[] = [];
  let knownHostsFile: string;

  beforeAll(async () => {
    const clientKey = servers[0].clientKey;
    jumps = [
      await startSshd({ clientKey, logLevel: 'DEBUG1' }),
      await startSshd({ clientKey, logLevel: 'DEBUG1' }),
      await startSshd({ clientKey, extraConfig: ['AllowTcpForwarding no'] }),
    ];
    knownHostsFile = join(dir, 'jump_known_hosts');
    writeFileSync(knownHostsFile, [...servers, ...jumps].map((s) => `${s.knownHostsLine}\n`).join(''));
  }, 60_000);

  afterAll(async () => {
    for (const jump of jumps) await jump.stop();
  });

  const hop = (server: TestSshd) => ({
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    privateKeyFile: server.clientKey,
    knownHostsFile,
  });

  test('the target is reached through a direct-tcpip channel of the jump host, host keys checked here', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(options(servers[1], { knownHostsFile, jumps: [hop(jumps[0])] })),
    );
    expect(await ctx.call(basic('add'), 5, 6)).toBe(11);
    expect(jumps[0].log()).toMatch(
      new RegExp(`direct_tcpip: originator .* target 127\\.0\\.0\\.1 port ${servers[1].port}\\b`),
    );
  });

  test('a chain of two jumps tunnels each hop through the one before', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(options(servers[0], { knownHostsFile, jumps: [hop(jumps[0]), hop(jumps[1])] })),
    );
    expect(await ctx.call(basic('add'), 1, 1)).toBe(2);
    expect(jumps[0].log()).toMatch(new RegExp(`target 127\\.0\\.0\\.1 port ${jumps[1].port}\\b`));
    expect(jumps[1].log()).toMatch(new RegExp(`target 127\\.0\\.0\\.1 port ${servers[0].port}\\b`));
  });

  test('a jump host that refuses to forward fails in the tcp phase, naming the jump', async () => {
    master = await createMaster();
    const error = (await master
      .connect(sshMethod(options(servers[1], { knownHostsFile, jumps: [hop(jumps[2])] })))
      .catch((e) => e)) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.phase).toBe('tcp');
    expect(error.message).toContain(
      `web${servers[1].port} via jump root@127.0.0.1:${jumps[2].port}: cannot open a tunnel to 127.0.0.1:${servers[1].port}`,
    );
  });

  test('targets behind the same jump share one login to it, closed when the last target goes', async () => {
    const logins = () => jumps[1].log().match(/Accepted publickey for root/g)?.length ?? 0;
    const before = logins();
    master = await createMaster();
    const jumpPool = new SshJumpPool();
    const [a, b] = await Promise.all(
      servers.map((server) =>
        master.connect(sshMethod(options(server, { knownHostsFile, jumps: [hop(jumps[1])], jumpPool }))),
      ),
    );
    expect([await a.call(basic('add'), 1, 2), await b.call(basic('add'), 3, 4)]).toEqual([3, 7]);
    expect(logins() - before).toBe(1);
    expect(descendants(jumps[1].pid).length).toBeGreaterThan(0);
    await master.shutdown();
    for (let i = 0; i < 100 && descendants(jumps[1].pid).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(descendants(jumps[1].pid)).toEqual([]);
  });

  test('a jump connection that dies takes the target behind it along, failing its pending call', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(options(servers[0], { knownHostsFile, jumps: [hop(jumps[0])] })),
    );
    expect(await ctx.call(basic('add'), 1, 1)).toBe(2);
    const pending = ctx.call(basic('hang')).catch((e) => e);
    for (const pid of descendants(jumps[0].pid)) process.kill(pid, 'SIGKILL');
    expect(await pending).toBeInstanceOf(ChannelError);
  });

  test("a jump host's unknown key is refused like the target's would be", async () => {
    master = await createMaster();
    const empty = join(dir, 'jump_empty_known_hosts');
    writeFileSync(empty, `${servers[1].knownHostsLine}\n`);
    const error = (await master
      .connect(
        sshMethod(
          options(servers[1], { knownHostsFile, jumps: [{ ...hop(jumps[0]), knownHostsFile: empty }] }),
        ),
      )
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('hostkey');
    expect(error.host).toBe(`web${servers[1].port}`);
    expect(error.message).toMatch(
      new RegExp(
        `^web${servers[1].port} via jump root@127\\.0\\.0\\.1:${jumps[0].port}: unknown host key for \\[127\\.0\\.0\\.1\\]:${jumps[0].port}: `,
      ),
    );
  });
});

describe('keepalives', () => {
  test('the default keepalives declare a silent link dead within 15 s', () => {
    expect(KEEPALIVE_INTERVAL_MS * (KEEPALIVE_COUNT_MAX + 1)).toBeLessThanOrEqual(15_000);
  });

  test('a far side that freezes is declared dead after the keepalives go unanswered, failing the pending call', async () => {
    const frozen = await startSshd({ clientKey: servers[0].clientKey });
    const stopped: number[] = [];
    try {
      master = await createMaster();
      const method = sshMethod(
        options(frozen, { hostKeyPolicy: 'off', keepaliveIntervalMs: 1000, keepaliveCountMax: 2 }),
      );
      const ctx = await master.connect(method);
      expect(await ctx.call(basic('add'), 1, 1)).toBe(2);
      for (const pid of descendants(frozen.pid)) {
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      }
      expect(stopped.length).toBeGreaterThan(0);
      const started = Date.now();
      const error = await ctx.call(basic('add'), 2, 2).catch((e) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(ChannelError);
      expect(elapsed).toBeGreaterThan(1500);
      expect(elapsed).toBeLessThan(8000);
    } finally {
      for (const pid of stopped) {
        try {
          process.kill(pid, 'SIGKILL');
          process.kill(pid, 'SIGCONT');
        } catch {}
      }
      await frozen.stop();
    }
  }, 30_000);
});
