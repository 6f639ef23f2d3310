import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../dsl/index.js';
import { commandTaskModule } from '../../../modules/command/command.js';
import { runModule } from '../../../modules/contract/run-module.js';
import { splitCommand } from '../../../modules/host/exec.js';
import { shellModule } from '../../../modules/shell.js';
import { playTasks } from '../play-support.js';
import { run, testEnv } from '../support.js';

let dir: string;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('command and shell', () => {
  test('command ignores `executable` and warns as Ansible 2.14 does; shell uses it', async () => {
    const result = await run(commandTaskModule, { cmd: 'ls /dev/null', executable: '/bogus' });
    expect(result).toMatchObject({ rc: 0, stdout: '/dev/null' });
    expect(result.warnings).toEqual([
      "As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '/bogus'.",
    ]);
    expect((await run(shellModule, { cmd: 'echo $0', executable: '/bin/bash' })).stdout).toBe('/bin/bash');
  });

  test('command never goes through a shell: metacharacters are plain arguments, $VARS and ~ expanded as Ansible', async () => {
    const result = await run(commandTaskModule, { cmd: 'echo "a b" | $HOME ~ $NO_SUCH_VAR_HERE' });
    const home = process.env.HOME ?? '';
    expect(result).toMatchObject({
      changed: true,
      rc: 0,
      stdout: `a b | ${home} ${home} $NO_SUCH_VAR_HERE`,
      cmd: ['echo', 'a b', '|', '$HOME', '~', '$NO_SUCH_VAR_HERE'],
    });
    expect((await run(shellModule, { cmd: "echo '$HOME'" })).stdout).toBe('$HOME');
  });

  test('cmd is the argv list for command and the command line for shell, as Ansible returns it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    expect(await run(commandTaskModule, { cmd: 'echo "a b" c' })).toMatchObject({
      cmd: ['echo', 'a b', 'c'],
    });
    expect(await run(commandTaskModule, { argv: ['echo', 'x y'] })).toMatchObject({ cmd: ['echo', 'x y'] });
    expect(await run(shellModule, { cmd: 'echo "a b" c' })).toMatchObject({ cmd: 'echo "a b" c' });
    writeFileSync(join(dir, 'exists'), '');
    const skipped = await run(commandTaskModule, { cmd: 'touch x', creates: join(dir, 'exists') });
    expect(skipped).toMatchObject({ changed: false, cmd: ['touch', 'x'] });
  });

  test('shell runs pipes and streams every line live', async () => {
    const env = testEnv();
    const result = await runModule(
      shellModule,
      { cmd: 'printf "one\\ntwo\\n" | grep -c o; echo err >&2' },
      env,
    );
    expect(result).toMatchObject({ rc: 0, stdout: '2', stderr: 'err' });
    expect(env.lines).toEqual(expect.arrayContaining(['2', 'err']));
  });

  test('a non-zero exit fails with the rc and output kept', async () => {
    const result = await run(shellModule, { cmd: 'echo out; exit 7' });
    expect(result).toMatchObject({ failed: true, rc: 7, stdout: 'out', msg: 'non-zero return code' });
  });

  test('creates and removes skip the command like Ansible', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    writeFileSync(join(dir, 'exists'), '');
    expect(await run(commandTaskModule, { cmd: 'false', creates: join(dir, 'exists') })).toMatchObject({
      changed: false,
      msg: `Did not run command since '${join(dir, 'exists')}' exists`,
      stdout: `skipped, since ${join(dir, 'exists')} exists`,
      rc: 0,
    });
    expect(await run(commandTaskModule, { cmd: 'false', removes: join(dir, 'missing') })).toMatchObject({
      changed: false,
    });
  });

  test('creates and removes are glob patterns, as Python glob reads them (dot names only by a dot pattern)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'app.pid'), '');
    writeFileSync(join(dir, '.hidden'), '');
    expect((await run(commandTaskModule, { cmd: 'false', creates: join(dir, 's*', 'app.*') })).changed).toBe(
      false,
    );
    expect((await run(commandTaskModule, { cmd: 'true', creates: join(dir, '*', 'app.log') })).changed).toBe(
      true,
    );
    expect((await run(commandTaskModule, { cmd: 'true', creates: join(dir, '*hidden') })).changed).toBe(true);
    expect((await run(commandTaskModule, { cmd: 'false', creates: 'sub/app.?id', chdir: dir })).changed).toBe(
      false,
    );
  });

  test('chdir and stdin are honoured', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    expect((await run(commandTaskModule, { argv: ['pwd'], chdir: dir })).stdout).toBe(dir);
    expect((await run(commandTaskModule, { cmd: 'cat', stdin: 'piped' })).stdout).toBe('piped');
  });

  test("a chdir that is not a folder fails before anything runs, with Ansible's message and keys", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    const missing = join(dir, 'nope');
    expect(await run(commandTaskModule, { cmd: 'pwd', chdir: missing, creates: '/' })).toMatchObject({
      failed: true,
      msg: `Unable to change directory before execution: [Errno 2] No such file or directory: b'${missing}'`,
      rc: null,
      cmd: ['pwd'],
      stdout: '',
    });
  });

  test('strip_empty_ends removes trailing \\r and \\n as Ansible does; off, the output stays whole', async () => {
    const argv = ['printf', 'hello \\n \\r\\n'];
    expect(await run(commandTaskModule, { argv })).toMatchObject({
      stdout: 'hello \n ',
      stdout_lines: ['hello ', ' '],
    });
    expect(await run(commandTaskModule, { argv, strip_empty_ends: false })).toMatchObject({
      stdout: 'hello \n \r\n',
      stdout_lines: ['hello ', ' '],
    });
  });

  test('splits command lines with shell quoting rules', () => {
    expect(splitCommand(`cp "a b" 'c d' e\\ f`)).toEqual(['cp', 'a b', 'c d', 'e f']);
    expect(() => splitCommand('echo "open')).toThrow(/unterminated/);
  });
});

describe('command modules in check mode', () => {
  test('are skipped as Ansible does, unless creates/removes tell whether they would run', async () => {
    expect(await run(shellModule, { cmd: 'touch /should-not-exist' }, { check: true })).toEqual({
      changed: false,
      skipped: true,
      msg: 'Command would have run if not in check mode',
    });
    expect(
      await run(commandTaskModule, { cmd: 'true', creates: '/definitely/missing' }, { check: true }),
    ).toMatchObject({ changed: true });
  });
});

describe("command's removed `warn` argument", () => {
  test('is accepted and ignored with a warning, in k=v text and under args', () => {
    const builder = new InventoryBuilder();
    builder.addHost('web1', 'web');
    const { graph, issues } = compilePlaybookValue(
      join(import.meta.dirname, 'inline.yml'),
      [
        {
          hosts: 'all',
          gather_facts: false,
          tasks: [{ command: 'echo hi warn=false' }, { shell: 'echo hi', args: { warn: 'no' } }],
        },
      ],
      { inventory: builder.build() },
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'command: `warn` was removed from command and shell in Ansible 2.14; Spindle accepts it and ignores it',
      'shell: `warn` was removed from command and shell in Ansible 2.14; Spindle accepts it and ignores it',
    ]);
  });

  test('does not change what the command runs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-warn-'));
    const { exitCode, results } = await playTasks(dir, '- command: echo hi warn=no\n  register: out');
    expect(exitCode).toBe(0);
    expect(results[0].result).toMatchObject({ stdout: 'hi', cmd: ['echo', 'hi'] });
  });
});
