import { commandModule } from './command/command-module.js';
import { taskEntry } from './contract/task-entry.js';

/** `shell`: run a command line through `/bin/sh` (pipes, redirections; Ansible's `shell`). */
export const shellModule = commandModule(
  'shell',
  'Run a command line through a shell (pipes, redirections, variables).',
  (a) => [a.executable ?? '/bin/sh', '-c', a.cmd ?? (a.argv ?? []).join(' ')],
);

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(shellModule);
