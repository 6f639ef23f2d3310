import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';

const args = withAliases(z.object({ src: z.string().min(1) }).strict(), { path: 'src' });

/** `slurp`: returns a file's content, base64-encoded (Ansible's `slurp`). */
export const slurpModule = defineModule({
  name: 'slurp',
  summary: 'Read a file from the host and return its content base64-encoded.',
  runsOn: 'remote',
  idempotent: true,
  args,
  probe: async (a) => readFile(a.src),
  plan: (a) => ({ steps: [], reason: `read ${a.src}` }),
  apply: async () => ({ changed: false }),
  report: (a, data) => ({ content: data.toString('base64'), encoding: 'base64', source: a.src }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(slurpModule);
