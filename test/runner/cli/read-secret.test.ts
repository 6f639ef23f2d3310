import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../runner/cli/cli-errors.js';
import { readSecret } from '../../../runner/cli/read-secret.js';
import { StringSink } from '../../../runner/report/text-sink.js';

/** A stdin that claims to be a terminal and records raw-mode switches. */
function fakeTtyStdin(): PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void; modes: boolean[] } {
  const stdin = new PassThrough() as PassThrough & {
    isTTY: boolean;
    setRawMode(mode: boolean): void;
    modes: boolean[];
  };
  stdin.isTTY = true;
  stdin.modes = [];
  stdin.setRawMode = (mode) => stdin.modes.push(mode);
  return stdin;
}

describe('readSecret', () => {
  it('reads the first line of a piped stdin without prompting', async () => {
    const stdin = new PassThrough();
    const stderr = new StringSink();
    stdin.end('s3cret\nrest\n');
    expect(await readSecret('BECOME password: ', { stdin, stderr })).toBe('s3cret');
    expect(stderr.text).toBe('');
  });

  it('prompts on a terminal, never echoes, honours backspace and restores the mode', async () => {
    const stdin = fakeTtyStdin();
    const stderr = new StringSink();
    const secret = readSecret('BECOME password: ', { stdin, stderr });
    stdin.write('hunterX\u007f2\r');
    expect(await secret).toBe('hunter2');
    expect(stderr.text).toBe('BECOME password: \n');
    expect(stdin.modes).toEqual([true, false]);
  });

  it('turns Ctrl-C at the prompt into an interruption', async () => {
    const stdin = fakeTtyStdin();
    const secret = readSecret('pw: ', { stdin, stderr: new StringSink() });
    stdin.write('ab\u0003');
    await expect(secret).rejects.toBeInstanceOf(InterruptedError);
    expect(stdin.modes).toEqual([true, false]);
  });
});
