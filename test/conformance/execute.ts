import { spawn } from 'node:child_process';

/** How one playbook run ended: what the conformance runner compares between Ansible and Spindle. */
export interface Outcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** Every PLAY RECAP line, host → `ok=… changed=… …`, in the order printed (one recap per playbook run). */
  readonly recap: readonly string[];
  readonly output: string;
  readonly ms: number;
}

const recapLine =
  /^(\S+)\s+:\s+(ok=\d+\s+changed=\d+\s+unreachable=\d+\s+failed=\d+\s+skipped=\d+\s+rescued=\d+\s+ignored=\d+)/;

/** Extracts the recap lines of a run's output, whitespace-normalised. */
export function parseRecap(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const m = recapLine.exec(line);
    if (m) out.push(`${m[1]}: ${m[2].replace(/\s+/g, ' ')}`);
  }
  return out;
}

/** Runs one command with a deadline, killing its whole process group when the deadline passes. */
export function execute(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
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
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({ exitCode, timedOut, recap: parseRecap(output), output, ms: Date.now() - started });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(String(error)));
      finish(null);
    });
    child.on('close', (code) => finish(timedOut ? null : code));
  });
}
