import { benchCore } from './core.js';
import { benchHtmlReport } from './html-report.js';
import { benchPlay } from './play.js';
import { benchPythonModule } from './python-module.js';
import { benchStartup, checkRatios } from './ratios.js';
import { benchSsh } from './ssh.js';

/** Every benchmark suite, in order; adding one is one line. */
const suites: Array<[string, () => Promise<void>]> = [
  ['startup', benchStartup],
  ['core', benchCore],
  ['ssh', benchSsh],
  ['play', benchPlay],
  ['python_module', benchPythonModule],
  ['html-report', benchHtmlReport],
];

const only = process.argv.slice(2);
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
checkRatios();
process.exit(0);
