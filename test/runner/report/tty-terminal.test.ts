import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundledPlay, bundlePlay, ROOT } from '../../support/bundled-play.js';

/**
 * The live view as a user sees it: the real `play` in a real pseudo-terminal (util-linux `script`), so the
 * tty reporter is chosen by `isTTY` and drawn by listr2, not by a fake stream.
 */
let bundled: BundledPlay;
let work: string;

beforeAll(async () => {
  bundled = await bundlePlay();
  work = mkdtempSync(join(tmpdir(), 'spindle-tty-'));
}, 120_000);

afterAll(() => {
  bundled?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** Runs `play ARGS` in a 120×40 pseudo-terminal; resolves with its exit code and the screen text. */
function playInTerminal(args: string[]): Promise<{ code: number; screen: string }> {
  const command = `stty cols 120 rows 40; exec play ${args.map(quote).join(' ')}`;
  const { CI: _ci, NO_COLOR: _nc, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      'script',
      ['-qfec', command, '/dev/null'],
      {
        cwd: work,
        env: { ...env, TERM: 'xterm-256color', PATH: `${bundled.pathDir}:${process.env.PATH}` },
        timeout: 60_000,
      },
      (error, stdout) => {
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          screen: stripAnsi(stdout),
        });
      },
    );
  });
}

describe('the live view in a real terminal', () => {
  it("shows the README hello playbook's debug message under its row", async () => {
    const run = await playInTerminal([
      join(ROOT, 'playbooks/hello.yml'),
      '-e',
      `work=${join(work, 'hello')}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.screen).toContain('✔ TASK [show what we learnt]');
    expect(run.screen).toMatch(/ {4}localhost: 4 lines, the last one was 'step 3'\n/);
    expect(run.screen).toMatch(/localhost +: ok=9 +changed=5 /);
  });

  it('shows a failure with its message, rc and the last lines of stderr and stdout', async () => {
    const playbook = join(work, 'fail.yml');
    writeFileSync(
      playbook,
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        '    - name: breaks',
        '      shell: "echo partial result; for i in 1 2 3 4 5 6 7; do echo err$i >&2; done; exit 3"',
        '',
      ].join('\n'),
    );
    const run = await playInTerminal([playbook]);
    expect(run.code).toBe(2);
    expect(run.screen).toContain('✖ TASK [breaks]');
    const details = run.screen.slice(run.screen.lastIndexOf('✖ TASK [breaks]'));
    expect(details).toContain(
      [
        '    localhost: non-zero return code (rc=3)',
        '      stderr: err3',
        '      stderr: err4',
        '      stderr: err5',
        '      stderr: err6',
        '      stderr: err7',
        '      stdout: partial result',
      ].join('\n'),
    );
    expect(details).not.toContain('stderr: err2');
  });

  it('ends a rescued failure with ✔ and marks its message rescued', async () => {
    const playbook = join(work, 'rescue.yml');
    writeFileSync(
      playbook,
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        '    - block:',
        '        - name: tries',
        '          command: /bin/false',
        '      rescue:',
        '        - name: recovers',
        '          debug:',
        '            msg: recovered',
        '',
      ].join('\n'),
    );
    const run = await playInTerminal([playbook]);
    expect(run.code).toBe(0);
    expect(run.screen).toContain('✔ TASK [tries]  ok=0 rescued=1');
    expect(run.screen).not.toContain('✖');
    expect(run.screen).toContain('    localhost: non-zero return code (rc=1) (rescued)');
    expect(run.screen).toContain('    localhost: recovered');
  });
});
