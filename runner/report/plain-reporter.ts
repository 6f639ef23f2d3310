import { basename } from 'node:path';
import { banner } from './banner.js';
import { renderDiff } from './diff-text.js';
import {
  dispatchEvent,
  type EventHandlers,
  type Reporter,
  type RunEvent,
  type RunEventOf,
} from './events.js';
import { makePalette, type Palette } from './palette.js';
import { pythonJson } from './python-json.js';
import { recapLines } from './recap.js';
import { alwaysVerbose, hostLabel, visibleResult } from './result-view.js';
import type { TextSink } from './text-sink.js';
import { wrapText } from './text-wrap.js';

/** What `-v` says ran a task. */
const MODULE_KINDS = {
  native: 'native',
  playbook: "the playbook's modules/",
  ansible: "Ansible's module, through Python",
} as const;

/** A module's own `warnings` and `deprecations` (Ansible's modules return them), as Ansible prints them. */
function moduleWarnings(result: Record<string, unknown> | undefined): string[] {
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return [
    ...list(result?.warnings).map((w) => `[WARNING]: ${String(w)}`),
    ...list(result?.deprecations).map(
      (d: { msg?: string; version?: string }) =>
        `[DEPRECATION WARNING]: ${d?.msg ?? String(d)}.${d?.version ? ` This feature will be removed in version ${d.version}.` : ''}`,
    ),
  ];
}

/** Options of the plain reporter: where to write, how verbose, colour and width. */
export interface PlainReporterOptions {
  out: TextSink;
  /** Warnings go here (Ansible prints them on stderr); defaults to `out`. */
  err?: TextSink;
  verbosity?: number;
  palette?: Palette;
  /** Banner width; Ansible uses 80 when the output is not a terminal. */
  columns?: number;
  /** Print unified diffs of results (`--diff`). */
  diff?: boolean;
}

/**
 * The line-by-line reporter, for logs, CI and pipes: Ansible's default callback output (`TASK [x] ***`,
 * `changed: [host]`, `fatal: [host]: FAILED! => {…}`, the PLAY RECAP), plus live `[host] line` output.
 */
export function createPlainReporter(options: PlainReporterOptions): Reporter {
  const out = options.out;
  const err = options.err ?? out;
  const verbosity = options.verbosity ?? 0;
  const palette = options.palette ?? makePalette(0);
  const columns = options.columns ?? 80;
  const modules = new Map<string, string | undefined>();
  const itemized = new Set<string>();
  // include_tasks print `included:` lines, never their hosts' ok results (Ansible's callback skips TaskInclude).
  const includes = new Set<string>();
  const unreachablePrinted = new Set<string>();
  let showDiff = options.diff ?? false;
  const line = (text: string, sink: TextSink = out) => sink.write(`${text}\n`);
  // Ansible's display prints each distinct warning once per run (a module that warns on every task, or twice
  // in one result, is shown once).
  const warned = new Set<string>();
  const warn = (text: string) => {
    if (warned.has(text)) return;
    warned.add(text);
    line(palette.warning(text), err);
  };

  const printResult = (event: RunEventOf<'task:result'>) => {
    const module = event.module ?? modules.get(event.taskId);
    const label = hostLabel(event);
    const key = `${event.taskId}\0${event.host}`;
    if (event.item) itemized.add(key);
    if (showDiff && event.diff?.length) for (const d of renderDiff(event.diff, palette)) line(d);
    for (const text of moduleWarnings(event.result))
      warn(text.startsWith('[WARNING]') ? wrapText(text).join('\n') : text);
    const body = visibleResult(event, verbosity, module);
    const verbose = alwaysVerbose(event, module) || verbosity > 0;
    const indent = alwaysVerbose(event, module) || verbosity > 2 ? 4 : undefined;
    const item = event.item ? ` => (item=${event.item.label})` : '';
    // A censored (no_log) loop result has no `results`, so Ansible prints it like any result, after the items.
    const summaryOfItems = !event.item && itemized.has(key) && !('censored' in (event.result ?? {}));
    switch (event.status) {
      case 'ok':
      case 'changed': {
        if (summaryOfItems || includes.has(event.taskId)) return; // a loop's summary: its items were printed
        const paint = event.status === 'ok' ? palette.ok : palette.changed;
        const extra = verbose && Object.keys(body).length > 0 ? ` => ${pythonJson(body, indent)}` : '';
        line(paint(`${event.status}: [${label}]${item}${extra}`));
        return;
      }
      case 'skipped': {
        // A loop's summary is printed too (Ansible's "All items skipped"); an item line ends in a space.
        const extra = verbose ? ` => ${pythonJson(body, indent)}` : '';
        // Ansible's skipped lines name the host alone, even for a delegated task.
        line(palette.skipped(`skipping: [${event.host}]${event.item ? `${item} ` : ''}${extra}`));
        return;
      }
      case 'unreachable':
        if (unreachablePrinted.has(key)) return; // already shown by its host:unreachable event
        unreachablePrinted.add(key);
        line(
          palette.failed(
            `fatal: [${label}]: UNREACHABLE! => ${pythonJson({ ...body, unreachable: true }, indent)}`,
          ),
        );
        return;
      case 'failed':
      case 'rescued': // a failure a rescue section handles: Ansible prints it as fatal, the recap says rescued
      case 'ignored':
        if (event.item)
          line(
            palette.failed(`failed: [${label}] (item=${event.item.label}) => ${pythonJson(body, indent)}`),
          );
        else if (!summaryOfItems) {
          // (a loop's summary is not printed: its items were)
          const what = body.unreachable ? 'UNREACHABLE!' : 'FAILED!';
          line(palette.failed(`fatal: [${label}]: ${what} => ${pythonJson(body, indent)}`));
        }
        if (event.status === 'ignored' && !event.item) line(palette.skipped('...ignoring'));
        return;
    }
  };

  const handlers: EventHandlers = {
    'run:start': (e) => {
      showDiff = options.diff ?? e.diff;
      // Ansible names the playbook from -vv (the run then says how many plays it has, a `verbose` line).
      if (verbosity > 1) line(banner(`PLAYBOOK: ${basename(e.playbook)}`, columns));
    },
    'play:start': (e) => {
      line(banner(`PLAY [${e.play}]`, columns));
      if (e.hosts.length === 0) line(palette.skipped('skipping: no hosts matched'));
    },
    'task:start': (e) => {
      modules.set(e.taskId, e.module);
      line(banner(`${e.handler ? 'RUNNING HANDLER' : 'TASK'} [${e.task}]`, columns));
      // Ansible's `task path: FILE:LINE` from -vv, under every task banner.
      if (verbosity > 1 && e.source) line(palette.dim(`task path: ${e.source.file}:${e.source.line}`));
      if (verbosity > 0 && e.moduleKind)
        line(palette.skipped(`module: ${e.module} (${MODULE_KINDS[e.moduleKind]})`));
    },
    'host:output': (e) => line(`[${e.host}] ${e.line}`),
    'task:result': printResult,
    'task:end': () => {},
    'host:unreachable': (e) => {
      const key = `${e.taskId ?? ''}\0${e.host}`;
      if (unreachablePrinted.has(key)) return;
      unreachablePrinted.add(key);
      line(
        palette.failed(
          `fatal: [${e.host}]: UNREACHABLE! => ${pythonJson({ changed: false, msg: e.msg, unreachable: true })}`,
        ),
      );
    },
    warning: (e) => {
      // A run-time warning wraps at 79 columns, as Ansible's when stdout is not a terminal; one that points at
      // the playbook stays on one line, so its file:line:column can be copied.
      const text = e.source
        ? `[WARNING]: ${e.msg} (${e.source.file}:${e.source.line}:${e.source.column})`
        : wrapText(`[WARNING]: ${e.msg}`).join('\n');
      warn(text);
    },
    error: (e) => line(palette.failed(`ERROR! ${e.msg}`), err),
    'task:included': (e) => {
      includes.add(e.taskId);
      line(
        palette.skipped(
          `included: ${e.file} for ${e.hosts.join(', ')}${e.item === undefined ? '' : ` => (item=${e.item.label})`}`,
        ),
      );
    },
    verbose: (e) => {
      if (verbosity >= e.level) line(e.msg);
    },
    'play:end': () => {},
    'play:recap': (e) => {
      line(banner('PLAY RECAP', columns));
      for (const recap of recapLines(e.stats, palette)) line(recap);
      line('');
    },
    'run:end': () => {},
  };

  return {
    handle: (event: RunEvent) => dispatchEvent(handlers, event),
    close: async () => {},
  };
}
