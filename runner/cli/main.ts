import { runCli } from './cli.js';
import { processIo } from './cli-io.js';

// `play … | head`: a closed pipe ends the command quietly instead of crashing with EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** The `play` executable's entry (bin/play imports dist/runner/cli/main.js): run, then exit with the code. */
runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
