import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { LogRecord } from '../../bootstrap/log.js';
import { type ConnectionMethod, createMaster, type Master, ref } from '../../runner/core/index.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', 'fixtures', 'functions', 'basic.ts'), name);

/**
 * A real pseudo-terminal from util-linux `script` around a tiny shell "su": it turns echo off, prints a
 * prompt, checks the answer read from the terminal, then runs the boot line (appended as $2).
 */
function ptyMethod(secret: string): ConnectionMethod {
  const fakeSu = `stty -echo; printf 'Password: '; read -r pw; stty echo; echo; [ "$pw" = '${secret}' ] || { echo 'fake-su: Authentication failure'; exit 1; }; eval "$SPINDLE_TEST_BOOT"`;
  return {
    kind: 'spawn',
    name: 'pty',
    argv: [
      '/bin/sh',
      '-c',
      'export SPINDLE_TEST_BOOT="$2"; exec script -q -e -c "$1" /dev/null',
      'pty',
      fakeSu,
    ],
    env: { SHELL: '/bin/sh' },
    protocolFds: true,
    prompts: [
      { match: 'Authentication failure', failWith: 'wrong answer' },
      { match: 'Password: $', send: secret },
    ],
  };
}

let master: Master;
afterEach(async () => {
  await master?.shutdown();
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a context whose protocol runs on fds 3/4 behind a terminal', () => {
  test('answers the prompt on the terminal, boots, and reports terminal lines without carriage returns or the prompt', async () => {
    master = await createMaster();
    const lines: LogRecord[] = [];
    master.onLog((record) => lines.push(record));
    const ctx = await master.connect(ptyMethod('s3cret-answer'), { name: 'behind-pty' });
    expect(await ctx.call(basic('add'), 2, 3)).toBe(5);
    expect(await ctx.call(basic('noisy'))).toBe('done');
    await waitFor(() => lines.some((r) => r.message === 'hi from sh'));
    const mine = lines.filter((r) => r.contextName === 'behind-pty').map((r) => r.message);
    expect(mine).toContain('hi from sh');
    expect(mine).not.toContain('Password: ');
    expect(mine.filter((m) => m.includes('\r'))).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('s3cret-answer');
  });

  test('a refused answer fails the connect in phase become', async () => {
    master = await createMaster();
    const method = ptyMethod('expected');
    if (method.kind === 'spawn')
      method.prompts = [{ ...method.prompts![0] }, { match: 'Password: $', send: 'other' }];
    await expect(master.connect(method)).rejects.toMatchObject({ phase: 'become', message: 'wrong answer' });
  });

  test('kill -9 of the intermediate ends the context behind the terminal', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaf = await master.connect(ptyMethod('answer'), { via: middle });
    const [middlePid, leafPid] = [
      (await middle.call(basic('pid'))) as number,
      (await leaf.call(basic('pid'))) as number,
    ];
    process.kill(middlePid, 'SIGKILL');
    await waitFor(() => !alive(leafPid));
  });
});
