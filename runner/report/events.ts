/**
 * The typed events the scheduler emits and every reporter consumes (tty, plain, json, junit). Logic emits,
 * renderers render: the scheduler never imports a reporter. A union keyed by `kind`, so a handler map must
 * cover every kind (see `EventHandlers`).
 */

/** A source position in a playbook, for messages that point back at the YAML/TS that caused them. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** One host's outcome for one task (or one loop item), in Ansible's vocabulary. */
export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable' | 'rescued' | 'ignored';

/** A before/after pair shown with `--diff` (same shape as modules/contract/define-module.ts DiffEntry). */
export interface ResultDiff {
  path: string;
  before: string;
  after: string;
  kind: 'content' | 'attributes';
}

/** Per-host counters for the PLAY RECAP line. */
export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** Everything that happens during a run, in time order. */
export type RunEvent =
  | { kind: 'run:start'; playbook: string; check: boolean; diff: boolean; time: number }
  | { kind: 'play:start'; play: string; hosts: string[]; time: number }
  | {
      kind: 'task:start';
      play: string;
      task: string;
      taskId: string;
      handler: boolean;
      source?: SourceRef;
      /** Canonical module name (`debug`, `copy` …): reporters print `debug` output in full, like Ansible. */
      module?: string;
      /** Which code runs the task: Spindle's native module, the playbook's `modules/`, or Ansible's (Python). */
      moduleKind?: 'native' | 'playbook' | 'ansible';
      time: number;
    }
  | {
      kind: 'host:output';
      host: string;
      taskId: string;
      stream: 'stdout' | 'stderr';
      line: string;
      time: number;
    }
  | {
      kind: 'task:result';
      host: string;
      taskId: string;
      task: string;
      status: HostStatus;
      /** Set for one loop item; absent for the task's summary result. */
      item?: { label: string; index: number };
      msg?: string;
      /** The module's return values, already censored when the task has `no_log`. */
      result: Record<string, unknown>;
      /** The module that ran on this host when it differs from task:start's (a templated `action:`). */
      module?: string;
      diff?: ResultDiff[];
      delegatedTo?: string;
      durationMs: number;
      time: number;
    }
  /** A task file an `include_tasks` loaded for some hosts (Ansible's `included: FILE for h1, h2 => (item=…)`). */
  | {
      kind: 'task:included';
      taskId: string;
      file: string;
      hosts: string[];
      item?: { label: string; index: number };
      time: number;
    }
  | { kind: 'task:end'; taskId: string; time: number }
  | { kind: 'host:unreachable'; host: string; taskId?: string; phase: string; msg: string; time: number }
  | { kind: 'warning'; msg: string; source?: SourceRef; time: number }
  /** An error Ansible prints (`ERROR! …`, on stderr) without ending the run, e.g. an include_role that cannot load. */
  | { kind: 'error'; msg: string; host?: string; time: number }
  /** A line Ansible shows from a verbosity up (`META: ending play` at -vv; level 0: always, `ASYNC POLL on …`). */
  | { kind: 'verbose'; msg: string; level: number; taskId?: string; time: number }
  | { kind: 'play:end'; play: string; time: number }
  | { kind: 'play:recap'; stats: Record<string, HostStats>; durationMs: number; time: number }
  | { kind: 'run:end'; exitCode: number; interrupted: boolean; time: number };

/** The event with a given kind. */
export type RunEventOf<K extends RunEvent['kind']> = Extract<RunEvent, { kind: K }>;

/** A handler per event kind; the compiler forces a reporter to cover every kind. */
export type EventHandlers = { [K in RunEvent['kind']]: (event: RunEventOf<K>) => void };

/** A renderer of events: created per run, fed every event in order, closed once at the end. */
export interface Reporter {
  handle(event: RunEvent): void;
  /** Flushes output (files, terminal); resolves when everything is written. */
  close(): Promise<void>;
}

/** Dispatches an event to the matching handler of a complete handler map. */
export function dispatchEvent(handlers: EventHandlers, event: RunEvent): void {
  (handlers[event.kind] as (event: RunEvent) => void)(event);
}
