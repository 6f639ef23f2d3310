import { runCli } from './cli.js';
import { processIo } from './cli-io.js';

/** The `play` executable's entry (bin/play imports dist/runner/cli/main.js): run, then exit with the code. */
runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
