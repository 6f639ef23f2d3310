import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runModule } from '../../modules/contract/run-module.js';
import { scriptModule } from '../../modules/script.js';
import { playTasks } from './play-support.js';
import { run, snapshot, testEnv } from './support.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const tempScripts = () => readdirSync(tmpdir()).filter((n) => n.startsWith('spindle-script-'));

function script(text: string, cmd = 'job.sh') {
  return { cmd, _src_path: '/controller/files/job.sh', _data: Buffer.from(text) };
}

describe('script', () => {
  test('runs the shipped script with its arguments, without a shell, streaming lines live', async () => {
    const before = tempScripts();
    const env = testEnv();
    const body = '#!/bin/sh\necho "args: $1|$2"\necho "mode $(stat -c %a "$0")"\necho oops >&2\n';
    const result = await runModule(scriptModule, script(body, `job.sh 'a b' '$HOME'`), env);
    expect(result).toMatchObject({
      changed: true,
      rc: 0,
      stdout: 'args: a b|$HOME\nmode 700',
      stdout_lines: ['args: a b|$HOME', 'mode 700'],
      stderr: 'oops',
      stderr_lines: ['oops'],
    });
    expect(env.lines).toEqual(expect.arrayContaining(['args: a b|$HOME', 'oops']));
    expect(tempScripts()).toEqual(before);
  });

  test('a non-zero exit fails like Ansible and still removes the temp file', async () => {
    const before = tempScripts();
    const result = await run(scriptModule, script('#!/bin/sh\necho partial\nexit 3\n'));
    expect(result).toMatchObject({ failed: true, rc: 3, stdout: 'partial', msg: 'non-zero return code' });
    expect(tempScripts()).toEqual(before);
  });

  test('executable runs the script as its argument, and chdir sets the working directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-scripttest-'));
    const result = await run(scriptModule, {
      ...script('import os, sys\nprint(os.getcwd(), sys.argv[1])\n', 'tool.py first'),
      executable: '/usr/bin/python3',
      chdir: dir,
    });
    expect(result).toMatchObject({ rc: 0, stdout: `${dir} first` });
  });

  test('creates and removes skip the script with the messages Ansible uses', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-scripttest-'));
    writeFileSync(join(dir, 'done'), '');
    expect(await run(scriptModule, { ...script('#!/bin/sh\nexit 1\n'), creates: join(dir, 'done') })).toEqual(
      {
        changed: false,
        skipped: true,
        msg: `${join(dir, 'done')} exists, matching creates option`,
      },
    );
    expect(
      await run(scriptModule, { ...script('#!/bin/sh\nexit 1\n'), removes: join(dir, 'missing') }),
    ).toMatchObject({
      changed: false,
      skipped: true,
      msg: `${join(dir, 'missing')} does not exist, matching removes option`,
    });
  });

  test('check mode runs nothing: skipped, unless creates tells that it would run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-scripttest-'));
    const before = snapshot(dir);
    const marker = join(dir, 'ran');
    const body = `#!/bin/sh\ntouch ${marker}\n`;
    expect(await run(scriptModule, script(body), { check: true })).toEqual({
      changed: false,
      skipped: true,
      msg: 'Command would have run if not in check mode',
    });
    expect(await run(scriptModule, { ...script(body), creates: marker }, { check: true })).toMatchObject({
      changed: true,
    });
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(marker)).toBe(false);
  });

  test('a script that cannot be executed fails with a message naming it', async () => {
    const result = await run(scriptModule, {
      ...script('#!/nonexistent/interpreter\n'),
    });
    expect(result.failed).toBe(true);
    expect(result.msg).toMatch(/^script: cannot (run|execute) /);
  });
});

describe('script in a playbook', () => {
  test('finds the script in files/, ships small and large scripts, and runs them on a real context', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-scripttest-'));
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'files', 'hello.sh'), '#!/bin/sh\necho "hello $1"\n');
    // Larger than the inline limit: it travels through the file service.
    writeFileSync(
      join(dir, 'big.sh'),
      `#!/bin/sh\n${'# padding\n'.repeat(20_000)}echo big "$@" > "$1/big.out"\n`,
    );
    const tasks = [
      '- script: hello.sh world',
      '  register: hello',
      '- script: big.sh {{ work }}',
      '- script: hello.sh again',
      `  args:`,
      `    creates: "{{ work }}/big.out"`,
      '- assert:',
      '    that: hello.stdout == "hello world"',
    ].join('\n');
    const first = await playTasks(dir, tasks);
    expect(first.results.map((r) => r.status)).toEqual(['changed', 'changed', 'skipped', 'ok']);
    expect(first.lines).toContain('hello world');
    expect(readFileSync(join(dir, 'big.out'), 'utf8')).toBe(`big ${dir}\n`);
    rmSync(join(dir, 'big.out'));
    const checked = await playTasks(dir, tasks, { check: true });
    // Nothing runs in check mode (so the registered stdout the assert reads is missing, as in Ansible).
    expect(checked.results.slice(0, 3).map((r) => r.status)).toEqual(['skipped', 'skipped', 'changed']);
    expect(existsSync(join(dir, 'big.out'))).toBe(false);
  });
});
