import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { addDoasRules, type DoasRules } from '../../e2e/support/doas.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'run');
let work: string;
let login: TestUser;
let nopass: TestUser;
let withPassword: TestUser;
let refused: TestUser;
let rules: DoasRules;
let sshd: TestSshd;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-become-doas-'));
  chmodSync(work, 0o777);
  login = createTestUser('sp-doas-login');
  nopass = createTestUser('sp-doas-np');
  withPassword = createTestUser('sp-doas-pw');
  refused = createTestUser('sp-doas-no');
  rules = addDoasRules([
    `permit nopass ${login.name} as ${nopass.name}`,
    `permit nopass ${login.name} as root`,
    `permit ${login.name} as ${withPassword.name}`,
  ]);
  sshd = await startSshd();
  writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  rules?.remove();
  for (const user of [login, nopass, withPassword, refused]) user?.remove();
  rmSync(work, { recursive: true, force: true });
});

async function play(targetUser: string, hostVars: Record<string, unknown> = {}) {
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', {
    ansible_host: '127.0.0.1',
    ansible_port: sshd.port,
    ansible_user: login.name,
    ansible_ssh_private_key_file: sshd.clientKey,
    spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    ansible_become_method: 'doas',
    ...hostVars,
  });
  const inventory = builder.build();
  const { graph } = compilePlaybook(join(fixtures, 'become.yml'), { inventory });
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work, target_user: targetUser },
    check: false,
    diff: false,
    verbosity: 0,
    connectTimeoutMs: 15_000,
    emit: (e) => events.push(e),
  });
  return { ...outcome, events };
}

function unreachable(events: RunEvent[]): { msg: string; phase: string } {
  return events.find((e) => e.kind === 'host:unreachable') as { msg: string; phase: string };
}

describe('become with real doas', () => {
  test('an unprivileged SSH login becomes another user through a `permit nopass` rule', async () => {
    const { exitCode, events } = await play(nopass.name);
    expect(events.filter((e) => e.kind === 'host:unreachable')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`${login.name} -> ${nopass.name}\n`);
  });

  test('an unprivileged SSH login becomes root through a `permit nopass` rule', async () => {
    const { exitCode } = await play('root');
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`${login.name} -> root\n`);
  });

  test('a rule that asks for a password fails at once, saying doas needs `permit nopass`', async () => {
    const started = Date.now();
    const { exitCode, events } = await play(withPassword.name, {
      ansible_become_password: withPassword.password,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(exitCode).toBe(4);
    expect(unreachable(events).phase).toBe('become');
    expect(unreachable(events).msg).toContain('become: doas on target asks for a password');
    expect(unreachable(events).msg).toContain('permit nopass');
    expect(JSON.stringify(events)).not.toContain(withPassword.password);
  });

  test('a user that no rule permits fails with a become error naming doas.conf', async () => {
    const { exitCode, events } = await play(refused.name);
    expect(exitCode).toBe(4);
    expect(unreachable(events).phase).toBe('become');
    expect(unreachable(events).msg).toContain(
      `become: doas on target does not permit this login to run commands as ${refused.name} (see /etc/doas.conf on target)`,
    );
  });
});
