import { describe, expect, it } from 'vitest';
import { builtinEntries } from '../../../../modules/registry.js';
import { playIn, TOOL_FIXTURES } from './tool-harness.js';

const doc = (...args: string[]) => playIn(TOOL_FIXTURES, ['doc', ...args]);

describe('play doc', () => {
  it('shows a module page like ansible-doc: header, synopsis, options with = for mandatory, examples, returns', async () => {
    const run = await doc('ansible.builtin.copy');
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text.startsWith('> ANSIBLE.BUILTIN.COPY    (docs/modules/copy.md)\n\n        Copy content')).toBe(
      true,
    );
    expect(text).toContain('OPTIONS (= is mandatory):');
    expect(text).toMatch(
      /\n= dest\n {8}where to write;[^\n]*\n(?: {8}[^\n]*\n)* {8}aliases: \[path\]\n {8}type: str\n/,
    );
    expect(text).toMatch(/\n- backup\n {8}keep the old file[^\n]*\n {8}default: false\n {8}type: bool\n/);
    expect(text).toContain('EXAMPLES:');
    expect(text).toContain('RETURN VALUES:');
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('shows choices from the schema and finds modules by alias', async () => {
    const run = await doc('file');
    expect(run.stdout).toMatch(/\n- state\n[\s\S]*?choices: \[file, directory, touch, absent, link, hard\]/);
    const alias = await doc('systemd');
    expect(alias.stdout.startsWith('> ANSIBLE.BUILTIN.SERVICE')).toBe(true);
  });

  it('lists every module with its summary (-l)', async () => {
    const run = await doc('-l');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(builtinEntries.length);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ansible\.builtin\.ping +Check that the host answers/),
    );
  });

  it('exits 1 for an unknown module with a suggestion, and prints JSON with -j', async () => {
    const run = await doc('cpy');
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('module cpy not found (did you mean `copy`?)');
    const json = JSON.parse((await doc('-j', 'ping')).stdout);
    expect(json['ansible.builtin.ping'].options).toEqual([
      expect.objectContaining({ name: 'data', required: false, type: 'str', default: '"pong"' }),
    ]);
  });
});
