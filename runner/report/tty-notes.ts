import type { RunEventOf } from './events.js';
import type { Palette } from './palette.js';
import { pythonJson } from './python-json.js';
import { visibleResult } from './result-view.js';

/** Lines of a failed command's stderr and stdout shown under its row. */
export const STREAM_TAIL = 5;

/**
 * What the live view prints under a finished row for one host: a failure (with rc and the last lines of
 * stderr/stdout, as plain output shows them in its JSON), an ignored or rescued failure, or a `debug` message.
 */
export interface RowNote {
  host: string;
  item?: string;
  kind: 'failed' | 'unreachable' | 'ignored' | 'rescued' | 'debug';
  msg: string;
  rc?: number;
  stderr: string[];
  stdout: string[];
}

/** The last `STREAM_TAIL` non-empty-ended lines of a result's `stderr`/`stdout` (string or `_lines` list). */
function tail(result: Record<string, unknown>, key: 'stderr' | 'stdout'): string[] {
  const value = result[key];
  const lines =
    typeof value === 'string'
      ? value.split('\n')
      : Array.isArray(result[`${key}_lines`])
        ? (result[`${key}_lines`] as unknown[]).map(String)
        : [];
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.slice(-STREAM_TAIL);
}

/** `debug`'s message as text: `msg` as is, `var=x` as `x: <json>`. */
function debugText(event: RunEventOf<'task:result'>): string {
  const body = visibleResult(event, 0, 'debug');
  if (typeof body.msg === 'string') return body.msg;
  return Object.entries(body)
    .map(([key, value]) => (key === 'msg' ? pythonJson(value) : `${key}: ${pythonJson(value)}`))
    .join('\n');
}

/** The note a result leaves under its row, if any (ok/changed/skipped results of other modules leave none). */
export function noteFor(event: RunEventOf<'task:result'>, module: string | undefined): RowNote | undefined {
  const item = event.item?.label;
  const result = event.result ?? {};
  if (event.status === 'ok' || event.status === 'changed') {
    if (module !== 'debug') return undefined;
    return { host: event.host, item, kind: 'debug', msg: debugText(event), stderr: [], stdout: [] };
  }
  if (event.status === 'skipped') return undefined;
  const msg = event.msg ?? (typeof result.msg === 'string' ? result.msg : event.status);
  return {
    host: event.host,
    item,
    kind: event.status,
    msg,
    rc: typeof result.rc === 'number' ? result.rc : undefined,
    stderr: tail(result, 'stderr'),
    stdout: tail(result, 'stdout'),
  };
}

/**
 * The lines printed under a finished row: `host (item=…): message` (debug messages in the ok colour,
 * failures in red with ` (rc=N)`, ignored/rescued failures marked so), then `stderr:`/`stdout:` tails.
 */
export function noteLines(notes: RowNote[], palette: Palette): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    const who = `${note.host}${note.item !== undefined ? ` (item=${note.item})` : ''}`;
    const paint =
      note.kind === 'debug' || note.kind === 'rescued'
        ? palette.ok
        : note.kind === 'ignored'
          ? palette.warning
          : palette.failed;
    const mark = note.kind === 'ignored' ? ' (ignored)' : note.kind === 'rescued' ? ' (rescued)' : '';
    const rc = note.rc !== undefined && note.rc !== 0 ? ` (rc=${note.rc})` : '';
    const [first, ...rest] = note.msg.split('\n');
    lines.push(paint(`${who}: ${first}${rc}${mark}`));
    for (const more of rest) lines.push(paint(`  ${more}`));
    for (const stream of ['stderr', 'stdout'] as const)
      for (const text of note[stream]) lines.push(palette.dim(`  ${stream}: ${text}`));
  }
  return lines;
}
