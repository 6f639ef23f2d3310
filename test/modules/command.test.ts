import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { commandTaskModule } from '../../modules/command.js';
import { shellModule } from '../../modules/shell.js';
import { splitCommand } from '../../modules/util/exec.js';
import { runModule } from '../../modules/util/run-module.js';
import { run, testEnv } from './support.js';

let dir: string;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('command and shell', () => {
  test('command never goes through a shell: metacharacters are plain arguments', async () => {
    const result = await run(commandTaskModule, { cmd: 'echo "a b" | $HOME' });
    expect(result).toMatchObject({
      changed: true,
      rc: 0,
      stdout: 'a b | $HOME',
      stdout_lines: ['a b | $HOME'],
    });
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

  test('chdir and stdin are honoured', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-cmd-'));
    expect((await run(commandTaskModule, { argv: ['pwd'], chdir: dir })).stdout).toBe(dir);
    expect((await run(commandTaskModule, { cmd: 'cat', stdin: 'piped' })).stdout).toBe('piped');
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
