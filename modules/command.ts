import { commandModule } from './util/command-module.js';
import { splitCommand } from './util/exec.js';
import { taskEntry } from './util/task-entry.js';

/** `command`: run a program with arguments, never through a shell (Ansible's `command`). */
export const commandTaskModule = commandModule(
  'command',
  'Run a command without a shell; captures stdout, stderr and rc.',
  (a) => a.argv ?? splitCommand(a.cmd ?? ''),
);

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(commandTaskModule);
