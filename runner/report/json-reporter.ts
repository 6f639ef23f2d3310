import { dispatchEvent, type EventHandlers, type Reporter, type RunEvent } from './events.js';
import { safeValue } from './safe-value.js';
import type { TextSink } from './text-sink.js';

/**
 * One NDJSON line: the stable field names scripts rely on (documented in docs/output.md). Absent fields are
 * omitted, never null. `play`/`task` are filled from the surrounding events so every line stands alone.
 */
export interface JsonRecord {
  kind: RunEvent['kind'];
  /** ISO-8601 timestamp. */
  time: string;
  playbook?: string;
  play?: string;
  task?: string;
  taskId?: string;
  handler?: boolean;
  module?: string;
  host?: string;
  hosts?: string[];
  /** The task file an include_tasks loaded (`task:included`). */
  file?: string;
  status?: string;
  changed?: boolean;
  failed?: boolean;
  skipped?: boolean;
  unreachable?: boolean;
  item?: { label: string; index: number };
  msg?: string;
  diff?: unknown;
  result?: unknown;
  stream?: 'stdout' | 'stderr';
  line?: string;
  phase?: string;
  source?: { file: string; line: number; column: number };
  delegatedTo?: string;
  durationMs?: number;
  stats?: unknown;
  check?: boolean;
  exitCode?: number;
  /** The verbosity from which a `verbose` line shows (2 for `META:` lines). */
  level?: number;
  interrupted?: boolean;
}

/** Converts events to JSON records, remembering the current play and task names. Pure apart from that memory. */
export function createJsonRecorder(): (event: RunEvent) => JsonRecord {
  let play: string | undefined;
  const tasks = new Map<string, string>();
  let record: JsonRecord;
  const base = (event: RunEvent): JsonRecord => ({
    kind: event.kind,
    time: new Date(event.time).toISOString(),
  });
  const handlers: EventHandlers = {
    'run:start': (e) => {
      record = { ...base(e), playbook: e.playbook, check: e.check, diff: e.diff };
    },
    'play:start': (e) => {
      play = e.play;
      record = { ...base(e), play: e.play, hosts: e.hosts };
    },
    'task:start': (e) => {
      tasks.set(e.taskId, e.task);
      record = {
        ...base(e),
        play: e.play,
        task: e.task,
        taskId: e.taskId,
        handler: e.handler,
        module: e.module,
        source: e.source,
      };
    },
    'host:output': (e) => {
      record = {
        ...base(e),
        play,
        task: tasks.get(e.taskId),
        taskId: e.taskId,
        host: e.host,
        stream: e.stream,
        line: e.line,
      };
    },
    'task:result': (e) => {
      record = {
        ...base(e),
        play,
        task: e.task,
        taskId: e.taskId,
        host: e.host,
        status: e.status,
        changed: e.status === 'changed',
        failed: e.status === 'failed' || e.status === 'ignored' || e.status === 'rescued',
        skipped: e.status === 'skipped',
        unreachable: e.status === 'unreachable' ? true : undefined,
        item: e.item,
        msg: e.msg ?? (typeof e.result?.msg === 'string' ? e.result.msg : undefined),
        diff: e.diff,
        result: e.result,
        delegatedTo: e.delegatedTo,
        durationMs: e.durationMs,
      };
    },
    'task:included': (e) => {
      record = {
        ...base(e),
        play,
        task: tasks.get(e.taskId),
        taskId: e.taskId,
        file: e.file,
        hosts: e.hosts,
        item: e.item,
      };
    },
    'task:end': (e) => {
      record = { ...base(e), play, task: tasks.get(e.taskId), taskId: e.taskId };
    },
    'host:unreachable': (e) => {
      const task = e.taskId ? tasks.get(e.taskId) : undefined;
      record = {
        ...base(e),
        play,
        task,
        taskId: e.taskId,
        host: e.host,
        status: 'unreachable',
        unreachable: true,
        phase: e.phase,
        msg: e.msg,
      };
    },
    warning: (e) => {
      record = { ...base(e), msg: e.msg, source: e.source };
    },
    error: (e) => {
      record = { ...base(e), host: e.host, msg: e.msg };
    },
    verbose: (e) => {
      record = { ...base(e), taskId: e.taskId, level: e.level, msg: e.msg };
    },
    'play:end': (e) => {
      record = { ...base(e), play: e.play };
    },
    'play:recap': (e) => {
      record = { ...base(e), stats: e.stats, durationMs: e.durationMs };
    },
    'run:end': (e) => {
      record = { ...base(e), exitCode: e.exitCode, interrupted: e.interrupted };
    },
  };
  return (event) => {
    dispatchEvent(handlers, event);
    return safeValue(record) as JsonRecord;
  };
}

/** The `--json` reporter: one JSON object per event per line on `out`, and nothing else there. */
export function createJsonReporter(options: { out: TextSink }): Reporter {
  const toRecord = createJsonRecorder();
  return {
    handle: (event) => {
      options.out.write(`${JSON.stringify(toRecord(event))}\n`);
    },
    close: async () => {},
  };
}
