import { benchCore } from './core.js';
import { benchPlay } from './play.js';
import { benchPythonModule } from './python-module.js';
import { benchSsh } from './ssh.js';

/** Every benchmark suite, in order; adding one is one line. */
const suites: Array<[string, () => Promise<void>]> = [
  ['core', benchCore],
  ['ssh', benchSsh],
  ['play', benchPlay],
  ['python_module', benchPythonModule],
];

const only = process.argv.slice(2);
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
process.exit(0);
