import type { Reporter } from './events.js';
import { createJsonReporter } from './json-reporter.js';
import { createJunitReporter } from './junit-reporter.js';
import { colorLevel, makePalette } from './palette.js';
import { createPlainReporter } from './plain-reporter.js';
import { combineReporters, createSilentReporter } from './silent-reporter.js';

/** The screen reporters, chosen by name (`--reporter`, `--json`). */
export type ReporterName = 'tty' | 'plain' | 'json' | 'silent';

/** Options for building the run's reporters. */
export interface ReporterChoice {
  /** Asked for by name; undefined = automatic (tty on a terminal, plain otherwise). */
  name?: ReporterName;
  junit?: string;
  /** `--report FILE.html`: also write the HTML run report. */
  report?: string;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  verbosity: number;
  diff: boolean;
}

/** The automatic fallback: the live tty UI only on a real terminal (not in CI, not TERM=dumb), else plain. Pure. */
export function defaultReporterName(
  stdoutIsTTY: boolean,
  env: Record<string, string | undefined>,
): ReporterName {
  if (!stdoutIsTTY || env.TERM === 'dumb' || env.CI) return 'plain';
  return 'tty';
}

/** Builds the screen reporter plus `--junit` when asked; the tty one is loaded only when used (listr2). */
export async function createReporter(choice: ReporterChoice): Promise<Reporter> {
  const isTTY = choice.stdout.isTTY === true;
  const name = choice.name ?? defaultReporterName(isTTY, choice.env);
  const palette = makePalette(colorLevel(choice.env, isTTY));
  let screen: Reporter;
  if (name === 'json') screen = createJsonReporter({ out: choice.stdout });
  else if (name === 'silent') screen = createSilentReporter();
  else if (name === 'tty') {
    const { createTtyReporter } = await import('./tty-reporter.js');
    screen = createTtyReporter({
      out: choice.stdout as unknown as NodeJS.WriteStream,
      palette,
      diff: choice.diff,
    });
  } else
    screen = createPlainReporter({
      out: choice.stdout,
      err: choice.stderr,
      palette,
      verbosity: choice.verbosity,
      diff: choice.diff,
    });
  const extra: Reporter[] = [];
  if (choice.junit) extra.push(createJunitReporter({ file: choice.junit }));
  if (choice.report) {
    const { createHtmlReporter } = await import('./html-reporter.js');
    extra.push(createHtmlReporter({ file: choice.report }));
  }
  return extra.length > 0 ? combineReporters([screen, ...extra]) : screen;
}
