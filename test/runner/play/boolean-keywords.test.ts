import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { play } from '../cli/cli-harness.js';

const scratch = mkdtempSync(join(tmpdir(), 'spindle-bool-keywords-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a one-play playbook for web1 (a local host of the CLI fixtures) and runs it through the CLI. */
async function run(name: string, tasks: string) {
  const path = join(scratch, name);
  writeFileSync(path, `- hosts: web1\n  gather_facts: "n"\n  tasks:\n${tasks}`);
  return play(['-i', 'hosts.ini', '--reporter', 'plain', path]);
}

describe("boolean keywords read Ansible's whole truth table", () => {
  test('no_log: y hides the secret a task prints', async () => {
    const out = await run(
      'no-log.yml',
      [
        '    - name: print a secret',
        '      debug:',
        '        msg: "s3cr3t-value"',
        '      no_log: y',
        '',
      ].join('\n'),
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('print a secret');
    expect(out.stdout).not.toContain('s3cr3t-value');
    expect(out.stdout).toContain('censored');
  });

  test('no_log: N still shows the output', async () => {
    const out = await run(
      'log.yml',
      ['    - name: print a value', '      debug:', '        msg: "shown-value"', '      no_log: N', ''].join(
        '\n',
      ),
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('shown-value');
  });

  test('ignore_errors: t ignores the failure and the play goes on', async () => {
    const out = await run(
      'ignore.yml',
      [
        '    - name: fail on purpose',
        '      command: /bin/false',
        '      ignore_errors: t',
        '    - name: after the failure',
        '      debug:',
        '        msg: "still-running"',
        '',
      ].join('\n'),
    );
    expect(out.stdout).toContain('still-running');
    expect(out.stdout).toMatch(/ignored=1/);
    expect(out.code).toBe(0);
  });

  test('ignore_errors: F lets the failure stop the host', async () => {
    const out = await run(
      'no-ignore.yml',
      [
        '    - command: /bin/false',
        '      ignore_errors: F',
        '    - debug:',
        '        msg: "never-reached"',
        '',
      ].join('\n'),
    );
    expect(out.code).not.toBe(0);
    expect(out.stdout).not.toContain('never-reached');
  });
});
