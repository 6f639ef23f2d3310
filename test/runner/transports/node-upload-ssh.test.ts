import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { ConnectError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { type NodeSupplyResult, nodeChoice } from '../../../runner/transports/node-upload.js';
import { sshMethod } from '../../../runner/transports/ssh.js';
import { barePath, fakeUname } from '../../e2e/support/bare-path.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let user: TestUser;
let sshd: TestSshd;
let dir: string;
let home: string;
let bare: string;
let knownHostsFile: string;
let master: Master;

/** Sets the PATH the user's SSH sessions get (sshd reads ~/.ssh/environment: PermitUserEnvironment). */
function sessionPath(path: string): void {
  writeFileSync(join(home, '.ssh', 'environment'), `PATH=${path}\n`);
  execFileSync('chown', ['-R', `${user.name}:`, join(home, '.ssh')]);
}

beforeAll(async () => {
  user = createTestUser('sp-nonode');
  sshd = await startSshd({ extraConfig: ['PermitUserEnvironment yes'] });
  dir = mkdtempSync(join(tmpdir(), 'spindle-nodeup-ssh-'));
  bare = barePath(dir);
  home = execFileSync('getent', ['passwd', user.name], { encoding: 'utf8' }).split(':')[5];
  mkdirSync(join(home, '.ssh'), { recursive: true });
  sessionPath(bare);
  knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `${sshd.knownHostsLine}\n`);
}, 60_000);

afterEach(async () => {
  await master?.shutdown();
});

afterAll(async () => {
  await sshd?.stop();
  user?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const cached = () => join(home, '.cache', 'spindle', `node-${process.version}`, 'node');

function bareLogin() {
  const supplied: NodeSupplyResult[] = [];
  const method = {
    ...sshMethod({
      name: 'bare',
      host: '127.0.0.1',
      port: sshd.port,
      user: user.name,
      privateKeyFile: sshd.clientKey,
      knownHostsFile,
    }),
    ...nodeChoice(undefined, { onSupplied: (r) => supplied.push(r) }),
  };
  return { method, supplied };
}

describe('an SSH login whose PATH has no node', () => {
  test('the first connection uploads the controller node, checked, into the user cache, and runs calls', async () => {
    master = await createMaster();
    const withoutUpload = { ...bareLogin().method, provideNode: undefined };
    const refused = (await master.connect(withoutUpload).catch((e) => e)) as ConnectError;
    expect(refused.message).toMatch(/no usable node \(18\+\) on the target: spindle: no node on PATH/);
    const { method, supplied } = bareLogin();
    const ctx = await master.connect(method, { name: 'bare' });
    expect(supplied).toEqual([{ host: 'bare', path: cached(), uploaded: true }]);
    expect(sha256(cached())).toBe(sha256(process.execPath));
    expect(statSync(cached()).uid).toBe(Number(execFileSync('id', ['-u', user.name], { encoding: 'utf8' })));
    expect(await ctx.call(basic('add'), 40, 2)).toBe(42);
    expect(readlinkSync(`/proc/${(await ctx.call(basic('pid'))) as number}/exe`)).toBe(cached());
  });

  test('a second connection reuses the cached binary: same file, no upload', async () => {
    master = await createMaster();
    const before = statSync(cached());
    const { method, supplied } = bareLogin();
    const ctx = await master.connect(method, { name: 'bare' });
    expect(supplied.map((r) => r.uploaded)).toEqual([false]);
    const after = statSync(cached());
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await ctx.call(basic('add'), 1, 1)).toBe(2);
  });

  test('a corrupted cached binary is uploaded again', async () => {
    writeFileSync(cached(), 'garbage');
    master = await createMaster();
    const { method, supplied } = bareLogin();
    const ctx = await master.connect(method, { name: 'bare' });
    expect(supplied.map((r) => r.uploaded)).toEqual([true]);
    expect(sha256(cached())).toBe(sha256(process.execPath));
    expect(await ctx.call(basic('add'), 2, 3)).toBe(5);
  });

  test('another architecture is refused in the bootstrap phase, naming node_binary, and nothing is sent', async () => {
    rmSync(join(home, '.cache'), { recursive: true, force: true });
    sessionPath(`${fakeUname(dir, 'aarch64')}:${bare}`);
    try {
      master = await createMaster();
      const { method, supplied } = bareLogin();
      const error = (await master.connect(method, { name: 'bare' }).catch((e) => e)) as ConnectError;
      expect(error).toBeInstanceOf(ConnectError);
      expect(error.phase).toBe('bootstrap');
      expect(error.message).toMatch(/^bare: no usable node \(18\+\) on the target, .*it is Linux aarch64/);
      expect(error.message).toMatch(/set the host variable node_binary/);
      expect(supplied).toEqual([]);
      expect(existsSync(cached())).toBe(false);
    } finally {
      sessionPath(bare);
    }
  });

  test('a playbook runs there: without node_binary through the upload, with it through the given node', async () => {
    const builder = new InventoryBuilder();
    const common = {
      ansible_host: '127.0.0.1',
      ansible_port: sshd.port,
      ansible_user: user.name,
      ansible_ssh_private_key_file: sshd.clientKey,
      spindle_known_hosts_file: knownHostsFile,
    };
    builder.addHost('uploaded', 'bare', common);
    builder.addHost('given', 'bare', { ...common, node_binary: process.execPath });
    const inventory = builder.build();
    const playbook = join(dir, 'whoami.yml');
    writeFileSync(
      playbook,
      '- hosts: bare\n  gather_facts: false\n  tasks:\n    - command: id -un\n      register: me\n    - debug:\n        msg: "{{ inventory_hostname }} is {{ me.stdout }}"\n',
    );
    const { graph, issues } = compilePlaybook(playbook, { inventory });
    expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
    const events: RunEvent[] = [];
    const outcome = await runPlaybook({
      graph,
      inventory,
      extraVars: {},
      check: false,
      diff: false,
      verbosity: 0,
      connectTimeoutMs: 20_000,
      emit: (e) => events.push(e),
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stats.uploaded).toMatchObject({ ok: 2, failed: 0, unreachable: 0 });
    expect(outcome.stats.given).toMatchObject({ ok: 2, failed: 0, unreachable: 0 });
    const text = JSON.stringify(events);
    expect(text).toContain(`uploaded is ${user.name}`);
    expect(text).toContain(`given is ${user.name}`);
    expect(sha256(cached())).toBe(sha256(process.execPath));
  });
});
