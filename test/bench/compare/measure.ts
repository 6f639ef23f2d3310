import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunCommand } from './runners.js';

/** One host's line of a PLAY RECAP. */
export interface HostRecap {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** What one timed run produced: GNU time's figures for the whole process tree it waited for, and the recap. */
export interface Measurement {
  wallS: number;
  /** User + system CPU of the command and every descendant it waited for (the controller's CPU). */
  cpuS: number;
  /** The largest single process's peak RSS (GNU time's %M). */
  peakRssMiB: number;
  exitCode: number | null;
  timedOut: boolean;
  recap: Record<string, HostRecap>;
  /** The last lines of output, for the table's notes when something went wrong. */
  tail: string;
}

const RECAP_LINE =
  /^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)/;

/** Reads Ansible's PLAY RECAP lines (Spindle prints the same format). */
export function parseRecap(output: string): Record<string, HostRecap> {
  const recap: Record<string, HostRecap> = {};
  for (const line of output.split('\n')) {
    const m = RECAP_LINE.exec(line.trim());
    if (!m) continue;
    const [ok, changed, unreachable, failed, skipped, rescued, ignored] = m.slice(2).map(Number);
    recap[m[1]] = { ok, changed, unreachable, failed, skipped, rescued, ignored };
  }
  return recap;
}

/** Runs the command under /usr/bin/time in `scratch`, bounded by `timeoutMs` (the whole process group is killed). */
export function measure(command: RunCommand, scratch: string, timeoutMs: number): Promise<Measurement> {
  const timeFile = join(scratch, 'time.txt');
  const outFile = join(scratch, 'output.txt');
  const out = openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, ...command.argv], {
    cwd: scratch,
    env: { ...process.env, ...command.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const output = readFileSync(outFile, 'utf8');
      const times = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').pop()! : '';
      const [, user, system, rssKiB] = times.split(' ').map(Number);
      resolve({
        wallS: wall,
        cpuS: (user || 0) + (system || 0),
        peakRssMiB: (rssKiB || 0) / 1024,
        exitCode: timedOut ? null : code,
        timedOut,
        recap: parseRecap(output),
        tail: output.trimEnd().split('\n').slice(-6).join('\n'),
      });
    });
  });
}
