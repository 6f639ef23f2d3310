import { BatchedOutput } from './batched-output.js';

/**
 * What a command may touch, passed explicitly (no global process state in commands): streams, environment,
 * working folder and signal source. `main.ts` passes the real process; tests pass buffers.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Subscribes to Ctrl-C; returns an unsubscribe function. */
  onInterrupt(listener: () => void): () => void;
  /** Subscribes to SIGTERM; returns an unsubscribe function. */
  onTerminate?(listener: () => void): () => void;
  /** Ends the process at once (second Ctrl-C). */
  exitNow(code: number): never;
}

/** The real process as a CliIo. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout.isTTY ? process.stdout : new BatchedOutput(process.stdout),
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(listener) {
      process.on('SIGINT', listener);
      return () => process.off('SIGINT', listener);
    },
    onTerminate(listener) {
      process.on('SIGTERM', listener);
      return () => process.off('SIGTERM', listener);
    },
    exitNow(code) {
      process.exit(code);
    },
  };
}
