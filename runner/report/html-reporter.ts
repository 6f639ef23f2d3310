import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { Reporter } from './events.js';
import { createHtmlCollector } from './html-data.js';
import { renderHtmlReport } from './html-page.js';

/**
 * The `--report FILE.html` reporter: collects the run's events (the same typed events as `--json`) and writes
 * one self-contained HTML page at close, atomically (temp file + rename), so a half-written report never exists.
 */
export function createHtmlReporter(options: { file: string }): Reporter {
  const collector = createHtmlCollector();
  return {
    handle: (event) => collector.handle(event),
    close: async () => {
      const temp = `${options.file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temp, renderHtmlReport(collector.data));
        await rename(temp, options.file);
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
}
