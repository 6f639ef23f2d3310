import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent, RunEventOf } from '../../../runner/report/events.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

// Which user and which connection ran a task, with Ansible's precedence: a variable (inventory, `-e`) wins over
// the `remote_user` / `connection` keywords, which win over `-u` / `-c` (the defaults).
let work: string;
let sshd: TestSshd;
let user: TestUser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-conn-choice-'));
  user = createTestUser('sp-conn');
  sshd = await startSshd({ passwordAuth: true });
  writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  user?.remove();
  rmSync(work, { recursive: true, force: true });
});

interface Case {
  play?: string;
  task?: string;
  hostVars?: Record<string, unknown>;
  extraVars?: Record<string, unknown>;
  remoteUser?: string;
  connection?: string;
}

/** Runs one `whoami` task on `target` (SSH to the test sshd unless told otherwise); returns "USER ssh|local". */
async function whoRan(c: Case): Promise<string> {
  const file = join(work, `p${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(
    file,
    `- hosts: target\n  gather_facts: false\n${c.play ?? ''}  tasks:\n    - shell: if [ -n "$SSH_CONNECTION" ]; then echo "$(id -un) ssh"; else echo "$(id -un) local"; fi\n${c.task ?? ''}`,
  );
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', {
    ansible_host: '127.0.0.1',
    ansible_port: sshd.port,
    spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    ...c.hostVars,
  });
  const inventory = builder.build();
  const { graph, issues } = compilePlaybook(file, { inventory });
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const events: RunEvent[] = [];
  await runPlaybook({
    graph,
    inventory,
    extraVars: c.extraVars ?? {},
    check: false,
    diff: false,
    verbosity: 0,
    connectTimeoutMs: 15_000,
    remoteUser: c.remoteUser,
    connection: c.connection,
    emit: (e) => events.push(e),
  });
  const result = events.find((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
  if (result?.status === 'unreachable') return 'unreachable';
  return String(result?.result.stdout ?? result?.msg);
}

const password = () => ({ ansible_password: user.password });
const rootKey = () => ({ ansible_ssh_private_key_file: sshd.clientKey });

describe('connection settings from everywhere Ansible reads them', () => {
  test('-u is the user when nothing else names one, and -e ansible_password logs it in', async () => {
    expect(await whoRan({ remoteUser: user.name, extraVars: password() })).toBe(`${user.name} ssh`);
  });

  test('the play remote_user keyword wins over -u', async () => {
    expect(
      await whoRan({ play: `  remote_user: ${user.name}\n`, remoteUser: 'root', extraVars: password() }),
    ).toBe(`${user.name} ssh`);
  });

  test('a task remote_user keyword wins over the play one', async () => {
    const task = `      remote_user: ${user.name}\n`;
    expect(await whoRan({ play: '  remote_user: root\n', task, extraVars: password() })).toBe(
      `${user.name} ssh`,
    );
  });

  test('an inventory ansible_user wins over the play remote_user keyword', async () => {
    expect(
      await whoRan({
        play: `  remote_user: ${user.name}\n`,
        hostVars: { ansible_user: 'root', ...rootKey() },
      }),
    ).toBe('root ssh');
  });

  test('-e ansible_user and -e ansible_ssh_private_key_file win over the inventory', async () => {
    const hostVars = { ansible_user: user.name, ansible_password: 'wrong' };
    expect(await whoRan({ hostVars, extraVars: { ansible_user: 'root', ...rootKey() } })).toBe('root ssh');
  });

  test('-e ansible_connection=local wins over an inventory ssh connection', async () => {
    const hostVars = { ansible_connection: 'ssh', ansible_port: 1 };
    expect(await whoRan({ hostVars, extraVars: { ansible_connection: 'local' } })).toBe('root local');
  });

  test('a play connection: local keyword and -c local run the task on the controller', async () => {
    const hostVars = { ansible_port: 1 };
    expect(await whoRan({ play: '  connection: local\n', hostVars, connection: 'ssh' })).toBe('root local');
    expect(await whoRan({ hostVars, connection: 'local' })).toBe('root local');
  });

  test('an inventory ansible_connection wins over the play connection keyword', async () => {
    const hostVars = { ansible_connection: 'ssh', ansible_port: 1 };
    expect(await whoRan({ play: '  connection: local\n', hostVars })).toBe('unreachable');
  });
});
