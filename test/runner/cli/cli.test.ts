import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { play } from './cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('play (in process)', () => {
  it('lists tasks with their tags', async () => {
    const run = await play(['-i', 'hosts.ini', '--list-tasks', 'site.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/say hello\tTAGS: \[greet\]/);
    expect(run.stdout).toMatch(/write a file\tTAGS: \[files\]/);
  });

  it('lists the hosts a play targets after --limit', async () => {
    const run = await play(['-i', 'hosts.ini', '-l', 'web2', '--list-hosts', 'site.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('hosts (1):');
    expect(run.stdout).toContain('web2');
    expect(run.stdout).not.toContain('web1');
  });

  it('passes a syntax check like ansible-playbook', async () => {
    const run = await play(['-i', 'hosts.ini', '--syntax-check', 'site.yml']);
    expect(run).toEqual({ code: 0, stdout: '\nplaybook: site.yml\n', stderr: '' });
  });

  it('fails a bad playbook with exit 4 and every issue at file:line:column on stderr', async () => {
    const run = await play(['-i', 'hosts.ini', '--syntax-check', 'bad.yml']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bad\.yml:7:9 .*mode.*got 755 \(number\)/);
    expect(run.stderr).toMatch(/bad\.yml:9:9 .*bogus_argument/);
  });

  it('explains where a host variable comes from and which layer wins', async () => {
    const run = await play(['-i', 'hosts.ini', '--explain-var', 'app_port', 'web1', 'site.yml']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('app_port for web1, lowest precedence first (* wins):');
    expect(lines[1]).toMatch(/^ {2}inventory_group +\S*group_vars\/web\.yml +80$/);
    expect(lines[2]).toMatch(/^\* inventory_host .* 8080$/);
  });

  it('lets --extra-vars win in --explain-var', async () => {
    const run = await play([
      '-i',
      'hosts.ini',
      '-e',
      'app_port=9',
      '--explain-var',
      'app_port',
      'web1',
      'site.yml',
    ]);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^\* extra_vars +--extra-vars +"9"$/);
  });

  it('rejects an unknown host in --explain-var with exit 5', async () => {
    const run = await play(['-i', 'hosts.ini', '--explain-var', 'x', 'nohost', 'site.yml']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('host "nohost" is not in the inventory');
  });

  it('names an unreadable @file given to -e (exit 5)', async () => {
    const run = await play(['-i', 'hosts.ini', '-e', '@missing.yml', '--syntax-check', 'site.yml']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('cannot use `--extra-vars @missing.yml`');
  });

  it('warns of a missing inventory as Ansible does and goes on with the implicit localhost', async () => {
    const run = await play(['-i', 'nope.ini', '--list-hosts', 'site.yml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Unable to parse');
    expect(run.stderr).toContain('nope.ini');
  });

  it('runs a playbook on the local host with NDJSON on stdout and a JUnit file', async () => {
    const junit = join(scratch, 'report.xml');
    const target = join(scratch, 'drift.txt');
    const run = await play([
      '-i',
      'hosts.ini',
      '--json',
      '--junit',
      junit,
      '-e',
      `target=${target}`,
      'drift.yml',
    ]);
    expect(run.code).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const result = records.find((r) => r.kind === 'task:result');
    expect(result).toMatchObject({
      play: 'drift',
      task: 'a file that does not exist yet',
      host: 'web1',
      status: 'changed',
      changed: true,
    });
    expect(records.at(-1).kind).toBe('run:end');
    expect(readFileSync(junit, 'utf8')).toContain(
      '<testcase classname="drift" name="[web1] a file that does not exist yet"',
    );
  });

  it('prints a run like ansible-playbook with the plain reporter, debug messages in full', async () => {
    const run = await play(['-i', 'hosts.ini', '--reporter', 'plain', 'hello.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PLAY [greet] ****');
    expect(run.stdout).toContain('TASK [say hello] ****');
    expect(run.stdout).toContain('ok: [web1] => {\n    "msg": "hello web1 on 8080"\n}\n');
    expect(run.stdout).toContain('ok: [web2] => {\n    "msg": "hello web2 on 80"\n}\n');
    expect(run.stdout).toContain('\nPLAY RECAP ****');
    expect(run.stdout).toContain(
      'web2                       : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   \n',
    );
  });

  it("exits 2 when a host fails, with Ansible's FAILED! line", async () => {
    const run = await play(['-i', 'hosts.ini', '--reporter', 'plain', 'fail.yml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/fatal: \[web1\]: FAILED! => \{.*"rc": 1/);
    expect(run.stdout).not.toContain('TASK [not reached on web1]');
    expect(run.stdout).toMatch(/web1 +: ok=0 +changed=0 +unreachable=0 +failed=1 /);
  });

  it('exits 4 when a host is unreachable', async () => {
    const run = await play(['-i', 'unreachable.ini', '--reporter', 'plain', '-T', '5', 'remote.yml']);
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('fatal: [ghost]: UNREACHABLE! =>');
    expect(run.stdout.match(/UNREACHABLE!/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/ghost +: ok=0 +changed=0 +unreachable=1 /);
  });

  it('exits 3 in check mode with --exit-code-on-change when something would change, and changes nothing', async () => {
    const target = join(scratch, 'never.txt');
    const run = await play([
      '-i',
      'hosts.ini',
      '-C',
      '--exit-code-on-change',
      '-e',
      `target=${target}`,
      '--reporter',
      'plain',
      'drift.yml',
    ]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('changed: [web1]');
    expect(existsSync(target)).toBe(false);
  });

  it('stops on Ctrl-C with exit 99 and prints the recap of what ran', async () => {
    const run = await play(['-i', 'hosts.ini', '--reporter', 'plain', 'slow.yml'], { interruptAfterMs: 400 });
    expect(run.code).toBe(99);
    expect(run.stderr).toContain('User interrupted execution');
    expect(run.stdout).not.toContain('TASK [never reached when interrupted]');
  });
});
