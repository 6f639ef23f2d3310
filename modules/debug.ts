import { z } from 'zod';
import { defineModule, type ModuleEnv, ModuleFailure } from './contract/define-module.js';

const args = z
  .object({
    msg: z.unknown().optional(),
    var: z.string().optional(),
    verbosity: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** What Ansible shows for a `var` that is not defined (the task still succeeds). */
const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

/** `var`'s value; an undefined variable (or attribute) shows as Ansible's "VARIABLE IS NOT DEFINED!". */
function variableValue(name: string, env: ModuleEnv): unknown {
  try {
    const value = env.evaluate ? env.evaluate(name) : undefined;
    return value === undefined ? NOT_DEFINED : value;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'undefined') return NOT_DEFINED;
    throw error;
  }
}

/**
 * `debug`: print a message or a variable's value (runs on the controller; Ansible's `debug`). Below its
 * `verbosity` (`-v` count) it is skipped, as in Ansible.
 */
export const debugModule = defineModule({
  name: 'debug',
  summary: 'Print a message or the value of a variable.',
  runsOn: 'controller',
  idempotent: true,
  args,
  probe: async (a, env): Promise<Record<string, unknown>> => {
    if (a.msg !== undefined && a.var !== undefined)
      throw new ModuleFailure("'msg' and 'var' are incompatible options");
    if (a.verbosity > Number(env.vars?.ansible_verbosity ?? 0))
      return { skipped: true, skipped_reason: 'Verbosity threshold not met.' };
    return a.var !== undefined ? { [a.var]: variableValue(a.var, env) } : { msg: a.msg ?? 'Hello world!' };
  },
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (_a, state) => state,
});
