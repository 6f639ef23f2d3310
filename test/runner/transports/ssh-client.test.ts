import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { type SshOptions, sshMethod } from '../../../runner/transports/ssh.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

let dir: string;
let keyServer: TestSshd;
let passwordServer: TestSshd;
let user: TestUser;
let knownHostsFile: string;
let encryptedKey: string;
let stranger: string;
let agent: ChildProcess | undefined;
let agentSocket: string;
let master: Master | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-ssh-auth-'));
  // One key, added to an agent while still plain, then encrypted on disk with a passphrase.
  encryptedKey = join(dir, 'encrypted_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', encryptedKey]);
  agentSocket = join(dir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(agentSocket); i++) await new Promise((r) => setTimeout(r, 50));
  execFileSync('ssh-add', ['-q', encryptedKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
  execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'open sesame', '-f', encryptedKey]);
  stranger = join(dir, 'stranger_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
  writeFileSync(join(dir, 'banner'), 'Authorised use only.\nAsk the ops team for access.\n');
  keyServer = await startSshd({ clientKey: encryptedKey, extraConfig: [`Banner ${join(dir, 'banner')}`] });
  passwordServer = await startSshd({ passwordAuth: true });
  user = createTestUser('spindle-sshpw');
  knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `${keyServer.knownHostsLine}\n${passwordServer.knownHostsLine}\n`);
}, 60_000);

afterEach(async () => {
  await master?.shutdown();
  master = undefined;
});

afterAll(async () => {
  await keyServer?.stop();
  await passwordServer?.stop();
  user?.remove();
  if (agent?.exitCode === null) agent.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function login(server: TestSshd, extra: Partial<SshOptions>): SshOptions {
  return {
    name: `auth${server.port}`,
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    knownHostsFile,
    agent: '',
    ...extra,
  };
}

async function connectError(options: SshOptions): Promise<ConnectError> {
  master = await createMaster();
  const error = await master.connect(sshMethod(options), { connectTimeoutMs: 10_000 }).catch((e) => e);
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

describe('ssh authentication against a real sshd', () => {
  test('a private key with a passphrase logs in when the passphrase is given', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(login(keyServer, { privateKeyFile: encryptedKey, passphrase: 'open sesame' })),
    );
    expect(await ctx.call(basic('add'), 40, 2)).toBe(42);
  });

  test('an encrypted key without a passphrase or agent fails in the auth phase, saying what to set', async () => {
    const error = await connectError(login(keyServer, { privateKeyFile: encryptedKey }));
    expect(error.phase).toBe('auth');
    expect(error.host).toBe(`auth${keyServer.port}`);
    expect(error.message).toContain(
      `private key ${encryptedKey} is encrypted: set spindle_ssh_key_passphrase`,
    );
  });

  test('a wrong passphrase fails in the auth phase, naming the key file', async () => {
    const error = await connectError(login(keyServer, { privateKeyFile: encryptedKey, passphrase: 'nope' }));
    expect(error.phase).toBe('auth');
    expect(error.message).toContain(`wrong passphrase for private key ${encryptedKey}`);
  });

  test('the ssh-agent given by its socket signs for a key whose file is encrypted', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(login(keyServer, { privateKeyFile: encryptedKey, agent: agentSocket })),
    );
    expect(await ctx.call(basic('add'), 1, 2)).toBe(3);
  });

  test('the agent alone logs in when the offered key file is not authorised', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(login(keyServer, { privateKeyFile: stranger, agent: agentSocket })),
    );
    expect(await ctx.call(basic('add'), 2, 2)).toBe(4);
  });

  test("a wrong key fails in the auth phase, naming the host and address, with the server's banner as the last lines", async () => {
    const error = await connectError(login(keyServer, { privateKeyFile: stranger }));
    expect(error.phase).toBe('auth');
    expect(error.host).toBe(`auth${keyServer.port}`);
    expect(error.message).toMatch(
      new RegExp(
        `^auth${keyServer.port} \\(root@127\\.0\\.0\\.1:${keyServer.port}\\): authentication failed`,
      ),
    );
    expect(error.lastOutput).toEqual(['Authorised use only.', 'Ask the ops team for access.']);
    expect(error.message).toContain(`authentication failed: publickey (key ${stranger}) refused`);
    expect(error.message).not.toContain('password');
  });

  test('a stale SSH agent socket is skipped: the login fails in the auth phase, naming the agent', async () => {
    const socket = join(dir, 'no-such-agent.sock');
    const error = await connectError(login(keyServer, { privateKeyFile: stranger, agent: socket }));
    expect(error.phase).toBe('auth');
    expect(error.message).toMatch(new RegExp(`authentication failed: .*\\(ssh-agent ${socket}: `));
  });

  test('password authentication logs a real user in', async () => {
    master = await createMaster();
    const ctx = await master.connect(
      sshMethod(
        login(passwordServer, { user: user.name, password: user.password, privateKeyFile: stranger }),
      ),
    );
    expect(((await ctx.call(basic('sh'), 'id -un')) as string).trim()).toBe(user.name);
  });

  test('a wrong password fails in the auth phase', async () => {
    const error = await connectError(
      login(passwordServer, { user: user.name, password: 'wrong', privateKeyFile: stranger }),
    );
    expect(error.phase).toBe('auth');
    expect(error.message).toContain(`${user.name}@127.0.0.1:${passwordServer.port}`);
    // A wrong password reads differently from a wrong key: each method tried is named with its outcome.
    expect(error.message).toContain(
      `authentication failed: password refused; publickey (key ${stranger}) refused`,
    );
  });

  test('a password offered to a server that takes keys only says so, after the refused key', async () => {
    const error = await connectError(login(keyServer, { password: 'irrelevant', privateKeyFile: stranger }));
    expect(error.phase).toBe('auth');
    expect(error.message).toContain(
      `authentication failed: publickey (key ${stranger}) refused; password not accepted by the server; the server accepts publickey`,
    );
  });
});

describe('the connect timeout', () => {
  test('a server that accepts and never speaks fails in the timeout phase within the configured time', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const error = await connectError({
        name: 'mute',
        host: '127.0.0.1',
        port,
        hostKeyPolicy: 'off',
        agent: '',
        connectTimeoutMs: 1500,
      });
      const elapsed = Date.now() - started;
      expect(error.phase).toBe('timeout');
      expect(error.message).toMatch(/^mute \(127\.0\.0\.1:\d+\): timed out/);
      expect(elapsed).toBeGreaterThanOrEqual(1400);
      expect(elapsed).toBeLessThan(6000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
