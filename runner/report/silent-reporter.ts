import type { Reporter } from './events.js';

/** The reporter for library use and `--json`-only consumers: renders nothing. */
export function createSilentReporter(): Reporter {
  return { handle: () => {}, close: async () => {} };
}

/** Fans every event out to several reporters (e.g. the screen plus `--junit`), closing them all. */
export function combineReporters(reporters: Reporter[]): Reporter {
  return {
    handle: (event) => {
      for (const r of reporters) r.handle(event);
    },
    close: async () => {
      await Promise.all(reporters.map((r) => r.close()));
    },
  };
}
