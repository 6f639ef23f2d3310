import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A reply of the Python worker (modules/python/worker.py) to one request. */
export interface WorkerReply {
  id: number;
  rc?: number;
  stdout?: string;
  /** What the module wrote to Python's sys.stderr. */
  stderr?: string;
  exception?: string | null;
  ok?: boolean;
}

/** The interpreter Ansible's discovery would pick on this host: /usr/bin/python3, then python3, then python on PATH. */
export function discoverPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (executable('/usr/bin/python3')) return '/usr/bin/python3';
  const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
  for (const name of ['python3', 'python'])
    for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  return undefined;
}

/**
 * One persistent Python process per context that runs Ansible modules in-process, one request at a time over
 * newline-delimited JSON on its stdin/stdout. It exits when the context does (its stdin closes).
 */
export class PythonWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve(r: WorkerReply): void; reject(e: Error): void }>();
  private nextId = 1;
  private buffered = '';
  private stderrTail: string[] = [];
  /** Payload hashes the worker has loaded. */
  readonly loaded = new Set<string>();
  exited: string | undefined;

  constructor(
    readonly interpreter: string,
    script: string,
  ) {
    this.child = spawn(interpreter, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (text: string) => this.onData(text));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      this.stderrTail = [...this.stderrTail, ...text.split('\n').filter(Boolean)].slice(-20);
    });
    this.child.stdin!.on('error', () => {});
    const fail = (why: string) => {
      this.exited ??= why;
      const error = new Error(
        `the Python worker (${interpreter}) ${why}${this.stderrTail.length ? `: ${this.stderrTail.join('\n')}` : ''}`,
      );
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.child.on('error', (error) => fail(`could not start: ${error.message}`));
    this.child.on('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
    this.idle();
  }

  private onData(text: string): void {
    this.buffered += text;
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      const reply = JSON.parse(line) as WorkerReply;
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
    }
    if (this.pending.size === 0) this.idle();
  }

  /** While nothing is pending the worker must not keep the context's event loop alive. */
  private idle(): void {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr])
      (s as unknown as { unref?(): void }).unref?.();
  }

  private busy(): void {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr])
      (s as unknown as { ref?(): void }).ref?.();
  }

  /** Ends the worker by closing its stdin (it exits at end of input). */
  close(): void {
    this.child.stdin!.end();
  }

  /** Sends one request and resolves with the worker's reply (requests run in order). */
  request(message: Record<string, unknown>): Promise<WorkerReply> {
    if (this.exited)
      return Promise.reject(new Error(`the Python worker (${this.interpreter}) ${this.exited}`));
    const id = this.nextId++;
    this.busy();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin!.write(`${JSON.stringify({ ...message, id })}\n`);
    });
  }
}
