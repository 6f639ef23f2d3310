import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../../runner/cli/cli.js';
import type { CliIo } from '../../../../runner/cli/cli-io.js';

/** This folder's fixtures: an inventory, and what ansible-core 2.14 printed for it (expected/). */
export const TOOL_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs `play …` in this process with captured streams, in `cwd`, with ansible.cfg out of the way. */
export async function playIn(
  cwd: string,
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: { HOME: '/nonexistent', PATH: process.env.PATH, ANSIBLE_CONFIG: '/nonexistent', ...options.env },
    cwd,
    onInterrupt: () => () => {},
    exitNow: (code) => {
      throw new Error(`exitNow(${code}) called`);
    },
  };
  const code = await runCli(argv, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out, stderr: err };
}
