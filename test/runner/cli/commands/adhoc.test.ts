import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { playIn } from './tool-harness.js';

/** hosts.ini there: web1, web2 (group web) and db1 (group db), all over the local connection. */
const CLI_FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const adhoc = (...args: string[]) => playIn(CLI_FIXTURES, ['adhoc', ...args, '-i', 'hosts.ini']);

describe('play adhoc', () => {
  it('prints each host as `host | SUCCESS => {json}` like ansible -m ping', async () => {
    const run = await adhoc('web', '-m', 'ping');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Hosts print in the order they finish: compare the blocks as a set.
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const blocks = run.stdout
      .trimEnd()
      .split(/\n(?=web)/)
      .sort();
    expect(blocks).toEqual([
      'web1 | SUCCESS => {\n    "changed": false,\n    "ping": "pong"\n}',
      'web2 | SUCCESS => {\n    "changed": false,\n    "ping": "pong"\n}',
    ]);
  });

  it('prints command output as `host | CHANGED | rc=0 >>` with stdout, command being the default module', async () => {
    const run = await adhoc('web1', '-a', 'echo hello');
    expect(run.stdout).toBe('web1 | CHANGED | rc=0 >>\nhello\n');
    expect(run.code).toBe(0);
  });

  it('prints a failing command as FAILED with rc, output and message, and exits 2', async () => {
    const run = await adhoc('db1', '-m', 'shell', '-a', 'echo oops >&2; exit 3');
    expect(run.stdout).toBe('db1 | FAILED | rc=3 >>\noopsnon-zero return code\n');
    expect(run.code).toBe(2);
  });

  it('renders -a as k=v arguments with templating, and -o on one line', async () => {
    const debug = await adhoc('web1', '-m', 'debug', '-a', 'msg="hi {{ inventory_hostname }}"');
    expect(debug.stdout).toBe('web1 | SUCCESS => {\n    "msg": "hi web1"\n}\n');
    const oneLine = await adhoc('db1', '-m', 'ping', '-o');
    expect(oneLine.stdout).toBe('db1 | SUCCESS => {"changed": false,"ping": "pong"}\n');
    const command = await adhoc('db1', '-o', '-a', 'printf "a\\nb"');
    expect(command.stdout).toBe('db1 | CHANGED | rc=0 | (stdout) a\\nb\n');
  });

  it('prints the connection lines from -vvv, and no playbook callback line, as ansible does', async () => {
    const run = await adhoc('db1', '-m', 'ping', '-o', '-vvv');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^<db1> ESTABLISH LOCAL CONNECTION FOR USER: \S+$/);
    expect(lines[1]).toMatch(/^<db1> EXEC \/bin\/sh -c '/);
    expect(lines.slice(2)).toEqual(['db1 | SUCCESS => {"changed": false,"ping": "pong"}']);
  });

  it('takes -c/--connection as ansible does, for a host list given on the command line', async () => {
    const run = await playIn(CLI_FIXTURES, [
      'adhoc',
      'localhost',
      '-i',
      'localhost,',
      '-c',
      'local',
      '-a',
      'echo hi',
    ]);
    expect(run.stdout).toBe('localhost | CHANGED | rc=0 >>\nhi\n');
    expect(run.code).toBe(0);
  });

  it('reports an unreachable host as UNREACHABLE! and exits 4', async () => {
    const run = await playIn(CLI_FIXTURES, [
      'adhoc',
      'all',
      '-i',
      'unreachable.ini',
      '-m',
      'ping',
      '-T',
      '2',
    ]);
    expect(run.stdout).toMatch(
      / \| UNREACHABLE! => \{\n {4}"changed": false,\n {4}"msg": ".+",\n {4}"unreachable": true\n\}\n/,
    );
    expect(run.code).toBe(4);
  }, 30_000);

  it('lists hosts, warns when none match, and needs arguments for command', async () => {
    expect((await adhoc('web', '--list-hosts')).stdout).toBe('  hosts (2):\n    web1\n    web2\n');
    const none = await adhoc('nothing', '-m', 'ping');
    expect(none).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '[WARNING]: No hosts matched, nothing to do\n',
    });
    const bare = await adhoc('web1');
    expect(bare.code).toBe(5);
    expect(bare.stderr).toContain('No argument passed to command module');
  });

  it('rejects bad module arguments before touching a host (exit 4)', async () => {
    const run = await adhoc('web1', '-m', 'copy', '-a', 'nonsense=1');
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nonsense');
  });
});
