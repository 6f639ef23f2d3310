import type { HostStatus, RunEventOf } from './events.js';
import type { Palette } from './palette.js';
import { noteFor, noteLines, type RowNote } from './tty-notes.js';

/** What the tty reporter knows about one task row; updated by `applyResult`/`applyOutput`, rendered by the helpers. */
export interface TaskRow {
  taskId: string;
  name: string;
  handler: boolean;
  /** The task's module: `debug` results leave their message under the row. */
  module?: string;
  startedAt: number;
  endedAt?: number;
  /** Hosts the play targets (the denominator of "3/5 hosts"). */
  hostCount: number;
  /** The summary status per host (loop items do not count twice). */
  hosts: Map<string, HostStatus>;
  /** The last lines of live output, `[host] line`. */
  output: string[];
  /** Failures, ignored/rescued failures and debug messages, printed under the row when it ends. */
  notes: RowNote[];
}

/** Lines of live output kept under a running row. */
export const OUTPUT_TAIL = 3;

/** A fresh row for a task that just started. */
export function newRow(event: RunEventOf<'task:start'>, hostCount: number, startedAt: number): TaskRow {
  return {
    taskId: event.taskId,
    name: event.task,
    handler: event.handler,
    module: event.module,
    startedAt,
    hostCount,
    hosts: new Map(),
    output: [],
    notes: [],
  };
}

/**
 * Records one result: the summary status per host, and its note (failure details with loop item, or a debug
 * message) for the expanded view. A loop's summary adds no note when its items already did.
 */
export function applyResult(row: TaskRow, event: RunEventOf<'task:result'>): void {
  if (!event.item) row.hosts.set(event.host, event.status);
  else if (!row.hosts.has(event.host) || event.status === 'failed')
    row.hosts.set(
      event.host,
      event.status === 'failed' ? 'failed' : (row.hosts.get(event.host) ?? event.status),
    );
  const note = noteFor(event, event.module ?? row.module);
  if (!note) return;
  if (!event.item && row.notes.some((n) => n.host === event.host && n.item !== undefined)) return;
  if (row.notes.some((n) => n.host === event.host && n.item === note.item && n.kind !== 'debug')) return;
  row.notes.push(note);
}

/** Marks a host's failure on this row unreachable (the connection broke during the task). */
export function applyUnreachable(row: TaskRow, host: string, phase: string, msg: string): void {
  row.hosts.set(host, 'unreachable');
  if (row.notes.some((n) => n.host === host && n.item === undefined && n.kind === 'unreachable')) return;
  row.notes.push({
    host,
    kind: 'unreachable',
    msg: `UNREACHABLE (${phase}): ${msg}`,
    stderr: [],
    stdout: [],
  });
}

/** Keeps the last `OUTPUT_TAIL` lines of live output. */
export function applyOutput(row: TaskRow, host: string, line: string): void {
  row.output.push(`[${host}] ${line}`);
  if (row.output.length > OUTPUT_TAIL) row.output.splice(0, row.output.length - OUTPUT_TAIL);
}

/** Counts per status, in recap order, only the non-zero ones plus `ok`. */
export function statusCounts(row: TaskRow): Array<[HostStatus, number]> {
  const order: HostStatus[] = ['ok', 'changed', 'failed', 'unreachable', 'skipped', 'rescued', 'ignored'];
  const counts = new Map<HostStatus, number>();
  for (const status of row.hosts.values()) counts.set(status, (counts.get(status) ?? 0) + 1);
  return order.filter((s) => s === 'ok' || (counts.get(s) ?? 0) > 0).map((s) => [s, counts.get(s) ?? 0]);
}

/** `850ms`, `1.2s`, `2m05s`: short elapsed times for a row. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** The row's title: `TASK [name]  ok=2 changed=1  3/5 hosts  1.2s`, statuses coloured. */
export function rowTitle(row: TaskRow, now: number, palette: Palette): string {
  const paint: Record<HostStatus, (t: string) => string> = {
    ok: palette.ok,
    changed: palette.changed,
    failed: palette.failed,
    unreachable: palette.failed,
    skipped: palette.skipped,
    rescued: palette.ok,
    ignored: palette.warning,
  };
  const counts = statusCounts(row)
    .map(([status, n]) => (n > 0 ? paint[status](`${status}=${n}`) : `${status}=${n}`))
    .join(' ');
  const elapsed = formatElapsed((row.endedAt ?? now) - row.startedAt);
  const label = `${row.handler ? 'HANDLER' : 'TASK'} [${row.name}]`;
  return `${label}  ${counts}  ${palette.dim(`${row.hosts.size}/${row.hostCount} hosts  ${elapsed}`)}`;
}

/** The expanded lines under a finished row: failures with rc and output tails, debug messages (see tty-notes). */
export function failureLines(row: TaskRow, palette: Palette): string[] {
  return noteLines(row.notes, palette);
}

/** Whether the row should end as failed (✖): a host failed or was unreachable, not ignored or rescued errors. */
export function rowFailed(row: TaskRow): boolean {
  for (const status of row.hosts.values()) if (status === 'failed' || status === 'unreachable') return true;
  return false;
}
