import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BundledPlay, bundlePlay } from '../support/bundled-play.js';
import { runScript } from './runme.js';
import type { ShimCommands } from './shims.js';

let work: string;
let bundled: BundledPlay;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'conformance-runme-'));
  bundled = await bundlePlay();
}, 120_000);

afterAll(() => {
  bundled?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Writes `runme.sh` into a fresh folder and runs it with the given shims. */
function run(script: string, commands: ShimCommands, env: Record<string, string> = {}, timeoutMs = 120_000) {
  const dir = mkdtempSync(join(work, 'target-'));
  writeFileSync(join(dir, 'runme.sh'), script, { mode: 0o755 });
  return runScript({
    script: join(dir, 'runme.sh'),
    cwd: dir,
    env,
    scratch: join(dir, '.runner'),
    localeDir: join(work, 'locales'),
    commands,
    timeoutMs,
  });
}

// A stand-in program for the tools: prints a recap line on stdout, a line on stderr, exits with $FAKE_EXIT.
const fake = [
  'bash',
  '-c',
  'echo "PLAY RECAP"; echo "h : ok=$# changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0"; echo "stderr of $0" >&2; exit "$((FAKE_EXIT + 0))"',
];

describe('running a runme.sh for real', () => {
  test('the script runs under its own set -e; every call is recorded in order, with output passed through', async () => {
    const result = await run(
      [
        '#!/usr/bin/env bash',
        'set -eux',
        "ansible-playbook one.yml -i 'h,' | grep -q 'ok=3'",
        'FAKE_EXIT=2 ansible-playbook two.yml && exit 1 || echo tolerated',
        'ansible all -m ping >out.txt 2>err.txt',
        'grep -q "stderr of ansible" err.txt',
        'exit 7',
      ].join('\n'),
      { 'ansible-playbook': [...fake, 'ansible-playbook'], ansible: [...fake, 'ansible'] },
    );
    expect(result.script?.exitCode).toBe(7);
    expect(result.script?.output).toContain('tolerated');
    expect(result.calls.map((c) => [c.tool, c.args, c.exitCode])).toEqual([
      ['ansible-playbook', ['one.yml', '-i', 'h,'], 0],
      ['ansible-playbook', ['two.yml'], 2],
      ['ansible', ['all', '-m', 'ping'], 0],
    ]);
    expect(result.calls[1].recap).toEqual([
      'h: ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0',
    ]);
    expect(result.calls[2].output).toContain('stderr of ansible');
  });

  test('a failing call ends a set -e script there, and later calls are never made', async () => {
    const result = await run(
      '#!/usr/bin/env bash\nset -eux\nFAKE_EXIT=4 ansible-playbook a.yml\nansible-playbook b.yml\n',
      { 'ansible-playbook': [...fake, 'ansible-playbook'], ansible: [...fake, 'ansible'] },
    );
    expect(result.script?.exitCode).toBe(4);
    expect(result.calls.map((c) => c.args)).toEqual([['a.yml']]);
  });

  test('with the play shims, ansible-playbook and ansible run Spindle’s play and play adhoc', async () => {
    const dir = mkdtempSync(join(work, 'playbook-'));
    writeFileSync(
      join(dir, 'site.yml'),
      '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=hello\n    - fail: msg=boom\n',
    );
    const play = [process.execPath, bundled.bin];
    const result = await run(
      `#!/usr/bin/env bash\nset -eux\nansible-playbook '${dir}/site.yml' -i 'localhost,' -c local && exit 1\nansible localhost -i 'localhost,' -c local -m ping\n`,
      { 'ansible-playbook': play, ansible: [...play, 'adhoc'] },
    );
    expect(result.calls.map((c) => [c.tool, c.exitCode])).toEqual([
      ['ansible-playbook', 2],
      ['ansible', 0],
    ]);
    expect(result.calls[0].recap).toEqual([
      'localhost: ok=1 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0',
    ]);
    expect(result.script?.exitCode).toBe(0);
  });

  test('a script past its deadline is killed with every process it started, even in other sessions', async () => {
    const tag = randomUUID();
    const result = await run(
      '#!/usr/bin/env bash\nsetsid sleep 600 &\nsleep 600\n',
      { 'ansible-playbook': fake, ansible: fake },
      { CONFORMANCE_TEST_TAG: tag },
      1_000,
    );
    expect(result.script?.timedOut).toBe(true);
    expect(result.script?.exitCode).toBeNull();
    const survivors = readdirSync('/proc').filter((pid) => {
      try {
        return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(tag);
      } catch {
        return false;
      }
    });
    expect(survivors).toEqual([]);
  });
});
