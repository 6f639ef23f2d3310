import { DefaultRenderer, Listr, ListrLogger, ProcessOutput } from 'listr2';
import { banner } from './banner.js';
import { renderDiff } from './diff-text.js';
import { dispatchEvent, type EventHandlers, type Reporter } from './events.js';
import type { Palette } from './palette.js';
import { recapLines } from './recap.js';
import {
  applyOutput,
  applyResult,
  applyUnreachable,
  failureLines,
  newRow,
  OUTPUT_TAIL,
  rowFailed,
  rowTitle,
  type TaskRow,
} from './tty-layout.js';

/** Options of the live terminal reporter. */
export interface TtyReporterOptions {
  /** A terminal stream (process.stdout, or a fake TTY in tests): listr2 redraws it in place. */
  out: NodeJS.WriteStream;
  palette: Palette;
  diff: boolean;
  /** Title refresh period for the elapsed time (the spinner has its own). */
  tickMs?: number;
}

/**
 * listr2's default renderer, allowed whenever this reporter is chosen: listr2 would check `process.stdout`,
 * but Spindle decides on the stream it was given (which is a terminal, or a fake one in tests).
 */
class RowRenderer extends DefaultRenderer {
  static override nonTTY = true;
}

/** A row being shown: its state, and how to end its listr2 task. */
interface LiveRow {
  row: TaskRow;
  done: Promise<void>;
  finish(): void;
  update(): void;
  /** Shows one more line of live output under the row (listr2 keeps the last few). */
  line(text: string): void;
  /** `--diff` lines, printed in full under the row once it ends (live output only keeps the last few). */
  diffs: string[];
}

/**
 * The live terminal UI (listr2): one row per task with a spinner, per-host status counts, elapsed time and the
 * last lines of live output; when the task ends the row keeps its counts, failures are expanded under it with
 * host and message, diffs follow; then the PLAY RECAP. Rows are shown one at a time in start order.
 */
export function createTtyReporter(options: TtyReporterOptions): Reporter {
  const { out, palette } = options;
  const rows = new Map<string, LiveRow>();
  let hostCount = 0;
  let chain: Promise<void> = Promise.resolve();
  const write = (text: string) => {
    chain = chain.then(() => {
      out.write(text);
    });
  };

  const startRow = (row: TaskRow): LiveRow => {
    let finish!: () => void;
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let refresh: () => void = () => {};
    let show: (text: string) => void = () => {};
    const live: LiveRow = {
      row,
      done: Promise.resolve(),
      finish,
      update: () => refresh(),
      line: (text) => show(text),
      diffs: [],
    };
    live.done = chain = chain.then(async () => {
      const list = new Listr(
        [
          {
            title: rowTitle(row, Date.now(), palette),
            task: async (_ctx, task) => {
              const timer = setInterval(() => refresh(), options.tickMs ?? 200);
              refresh = () => {
                task.title = rowTitle(row, Date.now(), palette);
              };
              show = (text) => {
                task.output = text;
              };
              for (const text of row.output) show(text);
              try {
                await ended;
              } finally {
                clearInterval(timer);
              }
              task.title = rowTitle(row, Date.now(), palette);
              // ✖ on the row; the failures are printed under it once listr2 has drawn its final frame.
              if (rowFailed(row)) throw new Error(task.title);
            },
            rendererOptions: { outputBar: OUTPUT_TAIL, persistentOutput: false },
          },
        ],
        {
          renderer: RowRenderer,
          exitOnError: false,
          registerSignalListeners: false,
          rendererOptions: {
            logger: new ListrLogger({ processOutput: new ProcessOutput(out, out) }),
          },
        },
      );
      await list.run();
      for (const line of live.diffs) out.write(`    ${line}\n`);
      for (const line of failureLines(row, palette)) out.write(`    ${line}\n`);
    });
    return live;
  };

  const handlers: EventHandlers = {
    'run:start': () => {},
    'play:start': (e) => {
      hostCount = e.hosts.length;
      write(`${banner(`PLAY [${e.play}]`, out.columns || 80)}\n`);
      if (e.hosts.length === 0) write(`${palette.skipped('skipping: no hosts matched')}\n`);
    },
    'task:start': (e) => {
      rows.set(e.taskId, startRow(newRow(e, hostCount, Date.now())));
    },
    'host:output': (e) => {
      const live = rows.get(e.taskId);
      if (!live) return;
      applyOutput(live.row, e.host, e.line);
      live.line(`[${e.host}] ${e.line}`);
    },
    'task:result': (e) => {
      const live = rows.get(e.taskId);
      if (!live) return;
      applyResult(live.row, e);
      if (options.diff && e.diff?.length) {
        live.diffs.push(`[${e.host}]${e.item ? ` (item=${e.item.label})` : ''}`);
        for (const line of renderDiff(e.diff, palette)) {
          live.diffs.push(line);
          live.line(line);
        }
      }
      live.update();
    },
    'task:end': (e) => {
      const live = rows.get(e.taskId);
      if (!live) return;
      live.row.endedAt = Date.now();
      live.finish();
      rows.delete(e.taskId);
    },
    'host:unreachable': (e) => {
      const live = e.taskId ? rows.get(e.taskId) : undefined;
      if (live) {
        applyUnreachable(live.row, e.host, e.phase, e.msg);
        live.update();
      } else write(`${palette.failed(`fatal: [${e.host}]: UNREACHABLE! ${e.msg}`)}\n`);
    },
    warning: (e) => {
      const where = e.source ? ` (${e.source.file}:${e.source.line}:${e.source.column})` : '';
      write(`${palette.warning(`[WARNING]: ${e.msg}${where}`)}\n`);
    },
    error: (e) => write(`${palette.failed(`ERROR! ${e.msg}`)}\n`),
    verbose: () => {},
    'task:included': () => {},
    'play:end': () => {},
    'play:recap': (e) => {
      write(`${banner('PLAY RECAP', out.columns || 80)}\n${recapLines(e.stats, palette).join('\n')}\n\n`);
    },
    'run:end': () => {},
  };

  return {
    handle: (event) => dispatchEvent(handlers, event),
    close: async () => {
      for (const live of rows.values()) live.finish();
      rows.clear();
      await chain;
    },
  };
}
