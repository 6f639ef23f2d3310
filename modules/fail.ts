import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';

const args = z.object({ msg: z.unknown().default('Failed as requested from task') }).strict();

/** `fail`: fails the host with a message (usually under a `when`). */
export const failModule = defineModule({
  name: 'fail',
  summary: 'Fail the host with a custom message.',
  runsOn: 'controller',
  idempotent: true,
  freeForm: 'msg',
  args,
  probe: async () => null,
  plan(a) {
    throw new ModuleFailure(typeof a.msg === 'string' ? a.msg : JSON.stringify(a.msg));
  },
  apply: async () => ({ changed: false }),
});
