import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';

const args = z.object({ data: z.string().default('pong') }).strict();

/** `ping`: proves the host's context answers (Ansible's `ping`: not ICMP; `data=crash` raises on purpose). */
export const pingModule = defineModule({
  name: 'ping',
  summary: 'Check that the host answers: returns `ping: pong` from its context (not ICMP).',
  runsOn: 'remote',
  idempotent: true,
  args,
  probe: async (a) => {
    if (a.data === 'crash') throw new ModuleFailure('ping: boom (data=crash was asked for)');
    return a.data;
  },
  plan: () => ({ steps: [], reason: 'the host answered' }),
  apply: async () => ({ changed: false }),
  report: (_a, data) => ({ ping: data }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(pingModule);
