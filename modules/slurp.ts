import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { pythonOsError } from './host/os-error.js';

const args = withAliases(z.object({ src: z.string().min(1) }).strict(), { path: 'src' });

/** Ansible's slurp message for a file it cannot read, by errno. */
function unreadable(src: string, error: NodeJS.ErrnoException): ModuleFailure {
  if (error.code === 'ENOENT') return new ModuleFailure(`file not found: ${src}`);
  if (error.code === 'EACCES') return new ModuleFailure(`file is not readable: ${src}`);
  if (error.code === 'EISDIR') return new ModuleFailure(`source is a directory and must be a file: ${src}`);
  return new ModuleFailure(`unable to slurp file: ${pythonOsError(error)}`);
}

/** `slurp`: returns a file's content, base64-encoded (Ansible's `slurp`). */
export const slurpModule = defineModule({
  name: 'slurp',
  pathArgs: ['src'],
  summary: 'Read a file from the host and return its content base64-encoded.',
  runsOn: 'remote',
  idempotent: true,
  args,
  probe: (a) =>
    readFile(a.src).catch((error: NodeJS.ErrnoException) => {
      throw unreadable(a.src, error);
    }),
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (a, data) => ({ content: data.toString('base64'), encoding: 'base64', source: a.src }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(slurpModule);
