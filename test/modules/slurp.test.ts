import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { slurpModule } from '../../modules/slurp.js';
import { run } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-slurp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('slurp', () => {
  test('a file comes back base64-encoded with its source, unchanged and without a message', async () => {
    writeFileSync(join(dir, 'foo.txt'), 'We are at the café');
    expect(await run(slurpModule, { path: join(dir, 'foo.txt') })).toEqual({
      changed: false,
      content: Buffer.from('We are at the café').toString('base64'),
      encoding: 'base64',
      source: join(dir, 'foo.txt'),
    });
  });

  test('failures carry the messages of Ansible’s slurp', async () => {
    mkdirSync(join(dir, 'baz'));
    expect((await run(slurpModule, { src: join(dir, 'nope') })).msg).toBe(
      `file not found: ${join(dir, 'nope')}`,
    );
    expect((await run(slurpModule, { src: join(dir, 'baz') })).msg).toBe(
      `source is a directory and must be a file: ${join(dir, 'baz')}`,
    );
    expect((await run(slurpModule, { src: join(dir, 'foo.txt', 'x') })).msg).toBe(
      `unable to slurp file: [Errno 20] Not a directory: '${join(dir, 'foo.txt', 'x')}'`,
    );
  });
});
