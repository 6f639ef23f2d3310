import { createHtmlCollector } from '../../runner/report/html-data.js';
import { renderHtmlReport } from '../../runner/report/html-page.js';
import { bigRunEvents } from '../support/big-run.js';
import { median, report } from './report.js';

/** `--report` at 200 hosts × 100 tasks: collecting the events and writing the page (ms), and the page's size. */
export async function benchHtmlReport(): Promise<void> {
  const events = bigRunEvents(200, 100);
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const collector = createHtmlCollector();
    for (const event of events) collector.handle(event);
    size = Buffer.byteLength(renderHtmlReport(collector.data));
    times.push(performance.now() - started);
  }
  report('html_report_200x100_build', median(times), 'ms');
  report('html_report_200x100_size', size / (1024 * 1024), 'MiB');
}
