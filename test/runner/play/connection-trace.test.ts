import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent, RunEventOf } from '../../../runner/report/events.js';
import { startSshd, type TestSshd } from '../../e2e/support/sshd.js';

// Ansible's -vvv connection lines for what Spindle really starts, and become to the login user (skipped unless
// become_allow_same_user), on the local connection as the user running the tests (root, with sudo).
let work: string;
let sshd: TestSshd;
const me = userInfo().username;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-conn-trace-'));
  sshd = await startSshd();
  writeFileSync(join(sshd.dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function run(
  verbosity: number,
  allowSameUser?: boolean,
  playKeywords = '',
  hostVars: Record<string, unknown> = { ansible_connection: 'local' },
) {
  const file = join(work, 'play.yml');
  writeFileSync(
    file,
    `- hosts: target\n  gather_facts: false\n  become: true\n  become_user: ${me}\n${playKeywords}  tasks:\n    - command: id -un\n`,
  );
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', hostVars);
  const inventory = builder.build();
  const { graph } = compilePlaybook(file, { inventory });
  const events: RunEvent[] = [];
  const { exitCode } = await runPlaybook({
    graph,
    inventory,
    extraVars: {},
    check: false,
    diff: false,
    verbosity,
    connectTimeoutMs: 15_000,
    become: { allowSameUser },
    emit: (e) => events.push(e),
  });
  const lines = events
    .filter((e): e is RunEventOf<'verbose'> => e.kind === 'verbose' && e.level === 3)
    .map((e) => e.msg);
  const result = events.find((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
  return { exitCode, lines, stdout: result?.result.stdout };
}

describe('connection lines at -vvv and become to the same user', () => {
  test('a local login is announced with its user and the real command that starts it', async () => {
    const { exitCode, lines, stdout } = await run(3);
    expect(exitCode).toBe(0);
    expect(stdout).toBe(me);
    expect(lines[0]).toBe(`<target> ESTABLISH LOCAL CONNECTION FOR USER: ${me}`);
    expect(lines[1]).toMatch(/^<target> EXEC \/bin\/sh -c '.*exec .*node.* -e /);
  });

  test('become to the user the connection logs in as runs no sudo by default, as Ansible', async () => {
    const { lines } = await run(3);
    expect(lines.filter((line) => line.includes('sudo'))).toEqual([]);
  });

  test('with become_allow_same_user sudo really runs, and -vvv shows it with Ansible’s flags', async () => {
    const { exitCode, lines, stdout } = await run(3, true);
    expect(exitCode).toBe(0);
    expect(stdout).toBe(me);
    const sudo = lines.filter((line) => line.includes('sudo'));
    expect(sudo).toHaveLength(1);
    expect(sudo[0]).toMatch(new RegExp(`^<target> EXEC sudo -H -S -n -u ${me} -- /bin/sh -c '`));
  });

  test("become_flags replace sudo's flags in the command that really runs", async () => {
    const { exitCode, lines, stdout } = await run(3, true, "  become_flags: '-H -S -n -E'\n");
    expect(exitCode).toBe(0);
    expect(stdout).toBe(me);
    expect(lines.filter((line) => line.includes('sudo'))[0]).toMatch(
      new RegExp(`^<target> EXEC sudo -H -S -n -E -u ${me} -- `),
    );
  });

  test('an SSH login is announced with its user, then the command its channel runs', async () => {
    const { exitCode, lines, stdout } = await run(3, false, '', {
      ansible_host: '127.0.0.1',
      ansible_port: sshd.port,
      ansible_user: me,
      ansible_ssh_private_key_file: sshd.clientKey,
      spindle_known_hosts_file: join(sshd.dir, 'known_hosts'),
    });
    expect(exitCode).toBe(0);
    expect(stdout).toBe(me);
    expect(lines[0]).toBe(`<127.0.0.1> ESTABLISH SSH CONNECTION FOR USER: ${me}`);
    expect(lines[1]).toMatch(/^<127\.0\.0\.1> SSH: EXEC .*exec .*node.* -e /);
    expect(lines.filter((line) => line.includes('sudo'))).toEqual([]);
  });

  test('below -vvv no connection line is produced', async () => {
    const { lines } = await run(2, true);
    expect(lines).toEqual([]);
  });
});
