import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent, RunEventOf } from '../../../runner/report/events.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';
import { createTestUser, type TestUser } from '../../e2e/support/users.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'ansible');
let work: string;
let other: TestUser;
let otherUid: number;
let sshd: TestSshd;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-ansible-'));
  chmodSync(work, 0o777);
  other = createTestUser('sp-py');
  otherUid = Number(execFileSync('id', ['-u', other.name], { encoding: 'utf8' }).trim());
  sshd = await startSshd();
  writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  other?.remove();
  rmSync(work, { recursive: true, force: true });
});

async function play(check = false) {
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', {
    ansible_host: '127.0.0.1',
    ansible_port: sshd.port,
    ansible_user: 'root',
    ansible_ssh_private_key_file: sshd.clientKey,
    spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
  });
  const inventory = builder.build();
  const { graph, issues } = compilePlaybook(join(fixtures, 'modules.yml'), { inventory });
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work, other_user: other.name },
    check,
    diff: false,
    verbosity: 0,
    connectTimeoutMs: 15_000,
    emit: (e) => events.push(e),
  });
  const results = events.filter((e): e is RunEventOf<'task:result'> => e.kind === 'task:result' && !e.item);
  const byTask = (name: string) => {
    const found = results.find((e) => e.task === name);
    if (!found) throw new Error(`no result for task ${name}`);
    return found;
  };
  return { ...outcome, events, byTask };
}

describe("Ansible's modules through Python, over SSH", () => {
  test('a playbook of core, collection and library modules runs, then changes nothing the second time', async () => {
    const first = await play();
    expect(first.events.filter((e) => e.kind === 'host:unreachable')).toEqual([]);
    expect(
      first.events
        .filter((e) => e.kind === 'task:result' && e.status === 'failed')
        .map((e) => JSON.stringify(e)),
    ).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(readFileSync(join(work, 'app.ini'), 'utf8').trimStart()).toBe(
      '[main]\nk1 = v1\nk2 = v2\nk3 = v3\n',
    );
    expect(statSync(join(work, 'app.ini')).mode & 0o777).toBe(0o640);
    expect(
      first.byTask('ini_file, by its short name (ansible.builtin redirects it to community.general)').status,
    ).toBe('changed');
    // task:start says which code runs the task (what -v prints), from the compiler's resolution.
    const kinds = new Map(
      first.events.flatMap((e) => (e.kind === 'task:start' ? [[e.task, e.moduleKind] as const] : [])),
    );
    expect(kinds.get('getent')).toBe('ansible');
    expect(kinds.get('sysctl in check mode')).toBe('ansible');
    // The role's own module, with its module_utils.
    expect(
      first.byTask("greeter : a module from the role's library/, importing the role's module_utils/").result
        .greeting,
    ).toBe('HELLO WORLD');
    // Check mode: the modules report what they would do and change nothing.
    expect(first.byTask('sysctl in check mode').status).toBe('changed');
    expect(readFileSync('/proc/sys/vm/swappiness', 'utf8').trim()).not.toBe('7');
    expect(first.byTask('mount in check mode').status).toBe('changed');
    expect(readFileSync('/etc/fstab', 'utf8')).not.toContain(`${work}/mnt`);
    expect(first.byTask('timezone in check mode').status).toBe('changed');
    expect(first.byTask('pip in check mode').status).toBe('ok');
    const expectResult = first.byTask('expect does not support check mode');
    expect(expectResult.status).toBe('skipped');
    expect(expectResult.result.msg).toBe('remote module (expect) does not support check mode');
    // Facts from modules become host facts.
    expect(first.byTask('getent').result.ansible_facts).toMatchObject({
      getent_passwd: { root: expect.any(Array) },
    });
    expect(
      Object.keys((first.byTask('service_facts').result.ansible_facts as { services: object }).services)
        .length,
    ).toBeGreaterThan(0);
    expect(
      (first.byTask('package_facts').result.ansible_facts as { packages: Record<string, unknown> }).packages
        .python3,
    ).toBeDefined();
    // become and environment apply as for built-in modules.
    const temp = first.byTask('tempfile as another user').result.path as string;
    expect(statSync(temp).uid).toBe(otherUid);
    const greeted = first.byTask('environment and become reach the module').result;
    expect(greeted).toMatchObject({ uid: otherUid, env_value: 'set' });
    expect(JSON.stringify(first.byTask('no_log hides the result').result)).not.toContain('/bin/bash');

    const second = await play();
    expect(second.exitCode).toBe(0);
    expect(
      second.byTask('ini_file, by its short name (ansible.builtin redirects it to community.general)').status,
    ).toBe('ok');
  }, 240_000);

  test('a known module that is not installed fails only on the host that reaches it, naming the collection', async () => {
    process.env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH = 'false';
    process.env.ANSIBLE_COLLECTIONS_PATH = join(fixtures, 'no-collections-here');
    try {
      const builder = new InventoryBuilder();
      builder.addHost('target', 'all', { ansible_connection: 'local' });
      const inventory = builder.build();
      const { graph } = compilePlaybook(join(fixtures, 'not-installed.yml'), { inventory });
      const events: RunEvent[] = [];
      const { exitCode } = await runPlaybook({
        graph,
        inventory,
        extraVars: {},
        check: false,
        diff: false,
        verbosity: 0,
        emit: (e) => events.push(e),
      });
      const results = events.filter((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
      expect(results.map((e) => e.status)).toEqual(['skipped', 'skipped', 'failed']);
      expect(results[2].result.msg).toBe(
        '`community.mysql.mysql_db` is a module of the community.mysql collection, which is not installed on the controller (ansible-galaxy collection install community.mysql)',
      );
      expect(exitCode).toBe(2);
    } finally {
      delete process.env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH;
      delete process.env.ANSIBLE_COLLECTIONS_PATH;
    }
  }, 60_000);

  test('ansible_python_interpreter picks the Python that runs the module, and a missing one fails clearly', async () => {
    const run = async (interpreter: string) => {
      const builder = new InventoryBuilder();
      builder.addHost('target', 'all', {
        ansible_connection: 'local',
        ansible_python_interpreter: interpreter,
      });
      const inventory = builder.build();
      const { graph } = compilePlaybook(join(fixtures, 'interpreter.yml'), { inventory });
      const events: RunEvent[] = [];
      await runPlaybook({
        graph,
        inventory,
        extraVars: { python: '/usr/bin/python3' },
        check: false,
        diff: false,
        verbosity: 0,
        emit: (e) => events.push(e),
      });
      return events.find((e): e is RunEventOf<'task:result'> => e.kind === 'task:result')!;
    };
    expect((await run('{{ python }}')).status).toBe('ok');
    const missing = await run('/nonexistent/python3');
    expect(missing.status).toBe('failed');
    expect(missing.result.msg).toContain('the Python worker (/nonexistent/python3) could not start');
  }, 60_000);
});
