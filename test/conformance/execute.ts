import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import { killMarked, runMarkerName } from './leftovers.js';
import { parseRecap } from './recap.js';

/** How one process (a playbook run, or a whole runme.sh) ended: what the conformance runner compares. */
export interface Outcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** Every PLAY RECAP line, host → `ok=… changed=… …`, in the order printed (one recap per playbook run). */
  readonly recap: readonly string[];
  readonly output: string;
  readonly ms: number;
}

/**
 * Runs one command in its own process group with a deadline. When the deadline passes the whole group is killed;
 * either way, every process it started that is still alive afterwards (found by a marker in its environment) is.
 */
export function execute(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Outcome> {
  const started = Date.now();
  const marker = randomUUID();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...options.env, [runMarkerName]: marker },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      if (size < 4_000_000) chunks.push(chunk);
      size += chunk.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      killMarked(marker);
    }, options.timeoutMs);
    // The script may leave processes holding its output open: they go when it exits, so its output can end.
    let exitCode: number | null = null;
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : null);
      killMarked(marker);
    });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      killMarked(marker);
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({
        exitCode: timedOut ? null : exitCode,
        timedOut,
        recap: parseRecap(output),
        output,
        ms: Date.now() - started,
      });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(String(error)));
      finish();
    });
    child.on('close', finish);
  });
}
