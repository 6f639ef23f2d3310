import { taskEntry } from '../contract/task-entry.js';
import { splitCommand } from '../host/exec.js';
import { commandModule } from './command-module.js';

/** `command`: run a program with arguments, never through a shell (Ansible's `command`). */
export const commandTaskModule = commandModule(
  'command',
  'Run a command without a shell; captures stdout, stderr and rc.',
  (a) => a.argv ?? splitCommand(a.cmd ?? ''),
);

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(commandTaskModule);
