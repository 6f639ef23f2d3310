import { fileURLToPath } from 'node:url';
import { type CliRun, play } from '../cli-harness.js';

/** This folder's fixtures: an inventory, and what ansible-core 2.14 printed for it (expected/). */
export const TOOL_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Runs `play …` in this process with captured streams, in `cwd`, with ansible.cfg out of the way. */
export function playIn(
  cwd: string,
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  return play(argv, { cwd, stdin: options.stdin, env: { ANSIBLE_CONFIG: '/nonexistent', ...options.env } });
}
