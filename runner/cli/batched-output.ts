import { Writable } from 'node:stream';

/**
 * stdout when it is a file or a pipe (synchronous in Node on Linux): what a run prints in one tick goes out in
 * one write instead of one system call per line (a 10-host run prints thousands of lines). Flushed on the next
 * turn of the event loop and, at the latest, when the process exits.
 */
export class BatchedOutput extends Writable {
  readonly isTTY = false;
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly target: NodeJS.WritableStream) {
    super({ decodeStrings: false });
    process.on('exit', () => this.flush());
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(String(chunk));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    callback();
  }

  /** Writes everything pending now. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.target.write(text);
  }
}
