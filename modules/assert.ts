import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';

/** One condition as Ansible's Conditional takes it: an expression, a boolean or number as is, empty (null, '') holds. */
const condition = z.union([z.string(), z.boolean(), z.number(), z.null()]);
const args = z
  .object({
    that: z.union([condition, z.array(condition)]),
    fail_msg: z.unknown().optional(),
    msg: z.unknown().optional(),
    success_msg: z.unknown().optional(),
    quiet: z.boolean().default(false),
  })
  .strict();

/** `assert`: checks conditions on the controller and fails the host with a message when one is false. */
export const assertModule = defineModule({
  name: 'assert',
  summary: 'Fail the host unless every condition holds.',
  runsOn: 'controller',
  idempotent: true,
  args,
  async probe(a, env) {
    const conditions = Array.isArray(a.that) ? a.that : [a.that];
    for (const condition of conditions) {
      const holds =
        condition === null || condition === ''
          ? true
          : typeof condition !== 'string'
            ? Boolean(condition)
            : env.condition
              ? env.condition(condition)
              : Boolean(env.evaluate?.(condition));
      if (!holds) return { failed: String(condition) };
    }
    return { failed: undefined as string | undefined };
  },
  plan(a, state) {
    if (state.failed !== undefined) {
      // A failed assertion is printed in full too (Ansible marks the result before evaluating), unless `quiet`.
      throw new ModuleFailure(String(a.fail_msg ?? a.msg ?? 'Assertion failed'), {
        assertion: state.failed,
        evaluated_to: false,
        ...(a.quiet ? {} : { _ansible_verbose_always: true }),
      });
    }
    return { steps: [], reason: String(a.success_msg ?? 'All assertions passed') };
  },
  // Unless `quiet`, Ansible prints the result without -v (`ok: [h] => {"msg": "All assertions passed"}`).
  report: (a) => (a.quiet ? {} : { _ansible_verbose_always: true }),
  apply: async () => ({ changed: false }),
});
