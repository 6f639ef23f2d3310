import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';
import { play as playCli } from '../cli/cli-harness.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'run');
let work: string;
let first: TestUser;
let second: TestUser;
let sshd: TestSshd;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-become-su-'));
  chmodSync(work, 0o777);
  first = createTestUser('sp-su-a');
  second = createTestUser('sp-su-b');
  sshd = await startSshd();
  writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  first?.remove();
  second?.remove();
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

/** Host vars that log in over SSH as `user` and become with su. */
function sshAs(user: TestUser): Record<string, unknown> {
  return {
    ansible_host: '127.0.0.1',
    ansible_port: sshd.port,
    ansible_user: user.name,
    ansible_ssh_private_key_file: sshd.clientKey,
    spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    ansible_become_method: 'su',
  };
}

/** Processes owned by the given account ids, waiting (bounded) for exiting ones to go. */
async function processesOf(uids: number[]): Promise<string[]> {
  let found: string[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    found = readdirSync('/proc').filter((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        return uids.includes(statSync(`/proc/${entry}`).uid);
      } catch {
        return false;
      }
    });
    if (found.length === 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return found.map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
}

function failures(events: RunEvent[]): RunEvent[] {
  return events.filter(
    (e) => e.kind === 'host:unreachable' || (e.kind === 'task:result' && e.status === 'failed'),
  );
}

describe('become with real su', () => {
  test('root becomes an unprivileged user through su without a password', async () => {
    const { exitCode, events } = await play(
      { target_user: first.name },
      { ansible_connection: 'local', ansible_become_method: 'su' },
    );
    expect(failures(events)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`root -> ${first.name}\n`);
  });

  test("an unprivileged SSH login becomes another user with that user's password, answered on a terminal, and everything ends with the run", async () => {
    const { exitCode, events } = await play(
      { target_user: second.name },
      { ...sshAs(first), ansible_become_password: second.password },
    );
    expect(failures(events)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`${first.name} -> ${second.name}\n`);
    expect(JSON.stringify(events)).not.toContain(second.password);
    expect(await processesOf([first, second].map((user) => statSync(`/home/${user.name}`).uid))).toEqual([]);
  });

  test('a wrong su password fails clearly within seconds and leaves no process behind', async () => {
    const started = Date.now();
    const { exitCode, events } = await play(
      { target_user: second.name },
      { ...sshAs(first), ansible_become_password: 'not-the-password' },
    );
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(exitCode).toBe(4);
    const unreachable = events.find((e) => e.kind === 'host:unreachable') as { msg: string; phase: string };
    expect(unreachable.phase).toBe('become');
    expect(unreachable.msg).toContain('become: incorrect password for su on target');
    expect(JSON.stringify(events)).not.toContain('not-the-password');
    const uids = [first, second].map((user) => statSync(`/home/${user.name}`).uid);
    expect(await processesOf(uids)).toEqual([]);
  });

  test('su without a password from an unprivileged login says that the password is needed', async () => {
    const { exitCode, events } = await play({ target_user: second.name }, sshAs(first));
    expect(exitCode).toBe(4);
    const unreachable = events.find((e) => e.kind === 'host:unreachable') as { msg: string; phase: string };
    expect(unreachable.phase).toBe('become');
    expect(unreachable.msg).toContain(`become: su on target needs the password of ${second.name}`);
  });

  test('`play --json -K --become-method su` reads the password from stdin and never prints it', async () => {
    const inventory = join(work, 'su-hosts.ini');
    const ssh = sshAs(first);
    writeFileSync(
      inventory,
      `target ${Object.entries(ssh)
        .filter(([key]) => key !== 'ansible_become_method')
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')}\n`,
    );
    const run = await playCli(
      [
        '-i',
        inventory,
        '--json',
        '-vvvv',
        '-K',
        '--become-method',
        'su',
        '-e',
        `work=${work}`,
        '-e',
        `target_user=${second.name}`,
        join(fixtures, 'become.yml'),
      ],
      { stdin: `${second.password}\n` },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(work, 'target.who'), 'utf8')).toBe(`${first.name} -> ${second.name}\n`);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThan(3);
    expect(run.stdout).not.toContain(second.password);
    // The answered prompt is not shown as task output.
    expect(run.stdout).not.toContain('Password:');
  });
});
