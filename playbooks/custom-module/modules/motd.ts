// A custom task module: the same contract as the built-ins (zod args, read-only probe, pure plan, apply).
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { defineModule } from '../../../modules/contract/define-module.js';
import { taskEntry } from '../../../modules/contract/task-entry.js';

const args = z.object({ path: z.string(), message: z.string() }).strict();

/** Keeps a message-of-the-day file holding one framed message. */
export const motdModule = defineModule({
  name: 'motd',
  summary: 'Write a framed message-of-the-day file.',
  runsOn: 'remote',
  idempotent: true,
  args,
  probe: async (a) => readFile(a.path, 'utf8').catch(() => null),
  plan(a, current) {
    const wanted = `*** ${a.message} ***\n`;
    return current === wanted
      ? { steps: [], reason: `${a.path} already says "${a.message}"` }
      : { steps: [wanted], reason: `${a.path} will say "${a.message}"` };
  },
  async apply(a, _current, plan) {
    await writeFile(a.path, plan.steps[0] as string);
    return { changed: true, path: a.path };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(motdModule);
