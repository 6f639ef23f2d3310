import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../runner/cli/cli.js';
import type { CliIo } from '../../../runner/cli/cli-io.js';

/** The fixtures folder, used as the working folder of in-process CLI runs. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** What an in-process `play` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured streams (in `cwd`, default FIXTURES); `interruptAfterMs` simulates Ctrl-C. */
export async function play(
  argv: string[],
  options: { env?: Record<string, string>; stdin?: string; interruptAfterMs?: number; cwd?: string } = {},
): Promise<CliRun> {
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
  const listeners: Array<() => void> = [];
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: { HOME: '/nonexistent', PATH: process.env.PATH, ...options.env },
    cwd: options.cwd ?? FIXTURES,
    onInterrupt: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    exitNow: (code) => {
      throw new Error(`exitNow(${code}) called`);
    },
  };
  const timer =
    options.interruptAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          for (const l of [...listeners]) l();
        }, options.interruptAfterMs);
  try {
    const code = await runCli(argv, io);
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: out, stderr: err };
  } finally {
    clearTimeout(timer);
  }
}
