import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'run');
let work: string;
let plain: TestUser;
let admin: TestUser;
let sshd: TestSshd;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-become-'));
  chmodSync(work, 0o777);
  plain = createTestUser('sp-plain');
  admin = createTestUser('sp-admin', { sudo: 'password' });
  sshd = await startSshd();
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  plain?.remove();
  admin?.remove();
  rmSync(work, { recursive: true, force: true });
});

async function play(vars: Record<string, unknown>, hostVars: Record<string, unknown>) {
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', hostVars);
  const inventory = builder.build();
  const { graph } = compilePlaybook(join(fixtures, 'become.yml'), { inventory });
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work, ...vars },
    check: false,
    diff: false,
    verbosity: 0,
    connectTimeoutMs: 15_000,
    emit: (e) => events.push(e),
  });
  return { ...outcome, events };
}

describe('become with real sudo', () => {
  test('root becomes an unprivileged user through sudo, as a child of the login context', async () => {
    const { exitCode, events } = await play({ target_user: plain.name }, { ansible_connection: 'local' });
    expect(
      events.filter(
        (e) => e.kind === 'host:unreachable' || (e.kind === 'task:result' && e.status === 'failed'),
      ),
    ).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`root -> ${plain.name}\n`);
  });

  test('an unprivileged SSH login becomes root with its sudo password, sent once on stdin', async () => {
    writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
    const ssh = {
      ansible_host: '127.0.0.1',
      ansible_port: sshd.port,
      ansible_user: admin.name,
      ansible_ssh_private_key_file: sshd.clientKey,
      spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    };
    const { exitCode, events } = await play(
      { target_user: 'root' },
      { ...ssh, ansible_become_password: admin.password },
    );
    expect(events.filter((e) => e.kind === 'host:unreachable')).toEqual([]);
    expect(events.filter((e) => e.kind === 'task:result' && e.status === 'failed')).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`${admin.name} -> root\n`);
    expect(JSON.stringify(events)).not.toContain(admin.password);
  });

  test('a wrong sudo password fails clearly and does not hang', async () => {
    const ssh = {
      ansible_host: '127.0.0.1',
      ansible_port: sshd.port,
      ansible_user: admin.name,
      ansible_ssh_private_key_file: sshd.clientKey,
      spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    };
    const { exitCode, events } = await play(
      { target_user: 'root' },
      { ...ssh, ansible_become_password: 'not-the-password' },
    );
    expect(exitCode).toBe(4);
    const unreachable = events.find((e) => e.kind === 'host:unreachable') as { msg: string; phase: string };
    expect(unreachable.phase).toBe('become');
    expect(unreachable.msg).toContain('become: incorrect password for sudo on target');
  });
});
