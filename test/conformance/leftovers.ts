import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable that marks every process a conformance run starts, so none outlives the run. */
export const runMarkerName = 'SPINDLE_CONFORMANCE_RUN';

/**
 * Kills (SIGKILL) every process whose environment carries `SPINDLE_CONFORMANCE_RUN=marker`: the ones a run left
 * behind in other process groups (daemons, `setsid`, detached contexts), which killing the run's group misses.
 */
export function killMarked(marker: string): number {
  const needle = Buffer.from(`${runMarkerName}=${marker}\0`);
  let killed = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue;
    }
    if (!environ.includes(needle)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed++;
    } catch {
      // gone meanwhile
    }
  }
  return killed;
}
