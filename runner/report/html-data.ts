import { renderDiff } from './diff-text.js';
import { dispatchEvent, type EventHandlers, type HostStats, type RunEvent } from './events.js';
import { safeValue } from './safe-value.js';

/** Status codes of the compact result rows (an index into `HtmlReportData.statuses`). */
const STATUSES = ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'rescued', 'ignored'] as const;

/** Longest text kept per message, stderr or diff side: the page stays small with 20 000 results. */
const TEXT_LIMIT = 4000;

/**
 * What the HTML report embeds: compact rows (indexes into hosts and tasks, times relative to the run's start)
 * so 200 hosts × 100 tasks stay a few MB, and details (messages, diffs) only for results that changed or failed.
 */
export interface HtmlReportData {
  playbook: string;
  check: boolean;
  started: number;
  durationMs: number;
  exitCode?: number;
  interrupted: boolean;
  statuses: readonly string[];
  plays: Array<{ name: string; start: number; end?: number }>;
  hosts: string[];
  /** [play index, name, handler (0/1), module]. */
  tasks: Array<[number, string, number, string]>;
  /** [host index, task index, status, start ms, duration ms, detail index or -1]. */
  results: Array<[number, number, number, number, number, number]>;
  details: Array<{
    msg?: string;
    rc?: number;
    stderr?: string;
    stdout?: string;
    item?: string;
    diff?: string[];
  }>;
  unreachable: Array<{ host: string; task?: string; phase: string; msg: string; at: number }>;
  warnings: string[];
  recap: Record<string, HostStats>;
}

const clip = (text: string) =>
  text.length > TEXT_LIMIT
    ? `${text.slice(0, TEXT_LIMIT)}\n… (${text.length - TEXT_LIMIT} more characters)`
    : text;

/** The last lines of a command's stream, as the failure list shows them. */
const tail = (text: unknown, lines = 20) =>
  typeof text === 'string' && text !== '' ? clip(text.split('\n').slice(-lines).join('\n')) : undefined;

/** Collects run events into `HtmlReportData` (the same typed events every other reporter reads). */
export function createHtmlCollector(): { handle(event: RunEvent): void; data: HtmlReportData } {
  const data: HtmlReportData = {
    playbook: '',
    check: false,
    started: 0,
    durationMs: 0,
    interrupted: false,
    statuses: STATUSES,
    plays: [],
    hosts: [],
    tasks: [],
    results: [],
    details: [],
    unreachable: [],
    warnings: [],
    recap: {},
  };
  const hostIndex = new Map<string, number>();
  const taskIndex = new Map<string, number>();
  const host = (name: string) => {
    let at = hostIndex.get(name);
    if (at === undefined) {
      at = data.hosts.push(name) - 1;
      hostIndex.set(name, at);
    }
    return at;
  };
  const since = (time: number) => Math.max(0, time - data.started);
  const handlers: EventHandlers = {
    'run:start': (e) => {
      if (data.started === 0) data.started = e.time;
      data.playbook ||= e.playbook;
      data.check = e.check;
    },
    'play:start': (e) => {
      data.plays.push({ name: e.play, start: since(e.time) });
      for (const name of e.hosts) host(name);
    },
    'task:start': (e) => {
      taskIndex.set(
        e.taskId,
        data.tasks.push([data.plays.length - 1, e.task, e.handler ? 1 : 0, e.module ?? '']) - 1,
      );
    },
    'host:output': () => {},
    'task:result': (e) => {
      if (e.item && e.status !== 'failed') return;
      const task = taskIndex.get(e.taskId);
      if (task === undefined) return;
      let detail = -1;
      if (e.status !== 'ok' && e.status !== 'skipped') {
        const r = e.result ?? {};
        const msg = e.msg ?? (typeof r.msg === 'string' ? r.msg : undefined);
        const diff = e.diff?.map((d) => clip(renderDiff([d]).join('\n')));
        detail =
          data.details.push({
            ...(msg !== undefined ? { msg: clip(String(safeValue(msg))) } : {}),
            ...(typeof r.rc === 'number' ? { rc: r.rc } : {}),
            ...(e.status !== 'changed' ? { stderr: tail(r.stderr), stdout: tail(r.stdout, 5) } : {}),
            ...(e.item ? { item: e.item.label } : {}),
            ...(diff?.length ? { diff } : {}),
          }) - 1;
      }
      data.results.push([
        host(e.host),
        task,
        STATUSES.indexOf(e.status),
        since(e.time - e.durationMs),
        e.durationMs,
        detail,
      ]);
    },
    'task:end': () => {},
    'host:unreachable': (e) => {
      host(e.host);
      const task = e.taskId === undefined ? undefined : taskIndex.get(e.taskId);
      data.unreachable.push({
        host: e.host,
        task: task === undefined ? undefined : data.tasks[task][1],
        phase: e.phase,
        msg: clip(e.msg),
        at: since(e.time),
      });
    },
    warning: (e) => {
      if (data.warnings.length < 200) data.warnings.push(clip(e.msg));
    },
    error: () => {},
    verbose: () => {},
    'task:included': () => {},
    'play:end': (e) => {
      const play = data.plays.at(-1);
      if (play) play.end = since(e.time);
    },
    'play:recap': (e) => {
      data.recap = e.stats;
    },
    'run:end': (e) => {
      data.durationMs = since(e.time);
      data.exitCode = e.exitCode;
      data.interrupted = e.interrupted;
    },
  };
  return { handle: (event) => dispatchEvent(handlers, event), data };
}
