import { z } from 'zod';
import { defineModule } from './contract/define-module.js';

const args = z
  .object({
    msg: z.unknown().optional(),
    var: z.string().optional(),
    verbosity: z.number().int().min(0).default(0),
  })
  .strict();

/** `debug`: print a message or a variable's value (runs on the controller; Ansible's `debug`). */
export const debugModule = defineModule({
  name: 'debug',
  summary: 'Print a message or the value of a variable.',
  runsOn: 'controller',
  idempotent: true,
  args,
  probe: async (a, env) =>
    a.var !== undefined
      ? { [a.var]: env.evaluate ? env.evaluate(a.var) : undefined }
      : { msg: a.msg ?? 'Hello world!' },
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (_a, state) => state,
});
