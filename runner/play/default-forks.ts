import { readFileSync } from 'node:fs';

/** File descriptors kept free for the controller itself (logs, esbuild, reporters, JUnit output …). */
const RESERVED_FDS = 64;
/** The most descriptors one host can hold open: a local context's three pipes, or a socket plus spares. */
const FDS_PER_HOST = 4;

/**
 * How many hosts `play` works on at once when `--forks` is not given: all of them, as pyinfra does (not
 * Ansible's 5), bounded by what the file-descriptor limit can hold.
 */
export function forksForFileLimit(limit: number): number {
  return Math.max(1, Math.floor((limit - RESERVED_FDS) / FDS_PER_HOST));
}

/** The soft limit on open files of this process (Linux /proc; 1024, the usual default, elsewhere). */
export function fileDescriptorLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === 'unlimited') return Number.MAX_SAFE_INTEGER;
    const n = Number(soft);
    return Number.isFinite(n) && n > 0 ? n : 1024;
  } catch {
    return 1024;
  }
}

/** The default number of forks on this machine. */
export function defaultForks(): number {
  return forksForFileLimit(fileDescriptorLimit());
}
