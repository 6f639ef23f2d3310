import { describe, expect, test } from 'vitest';
import { BatchedOutput } from '../../../runner/cli/batched-output.js';

describe('stdout to a file or a pipe', () => {
  test('lines written in one tick reach the target in one write, on the next turn of the event loop', async () => {
    const writes: string[] = [];
    const out = new BatchedOutput({ write: (text: string) => writes.push(text) } as never);
    out.write('ok: [a]\n');
    out.write('ok: [b]\n');
    out.write('ok: [c]\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['ok: [a]\nok: [b]\nok: [c]\n']);
  });

  test('ending the stream flushes what is pending at once', async () => {
    const writes: string[] = [];
    const out = new BatchedOutput({ write: (text: string) => writes.push(text) } as never);
    out.write('PLAY RECAP\n');
    await new Promise<void>((resolve) => out.end(() => resolve()));
    expect(writes).toEqual(['PLAY RECAP\n']);
  });
});
