import { InterruptedError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';

/**
 * Reads a password for `-K`: on a terminal, prompts on stderr and reads keystrokes without echo (backspace
 * works, Ctrl-C interrupts, Ctrl-D ends); from a pipe, reads the first line of stdin (scripts: `echo pw | play -K`).
 */
export function readSecret(
  prompt: string,
  io: { stdin: CliIo['stdin']; stderr: { write(text: string): unknown } },
): Promise<string> {
  const stdin = io.stdin;
  const tty = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (tty) io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (tty) {
        stdin.setRawMode?.(false);
        io.stderr.write('\n');
      }
      stdin.pause();
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || (tty && ch === '\u0004')) return finish();
        if (tty && ch === '\u0003') return finish(new InterruptedError('interrupted at the password prompt'));
        if (tty && (ch === '\u007f' || ch === '\b')) text = text.slice(0, -1);
        else text += ch;
      }
    };
    const onEnd = () => finish();
    if (tty) stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}
