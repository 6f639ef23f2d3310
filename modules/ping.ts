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
    if (a.data === 'crash') {
      // Ansible's module raises `Exception("boom")`: a module failure whose traceback is in module_stderr.
      throw new ModuleFailure('MODULE FAILURE\nSee stdout/stderr for the exact error', {
        module_stdout: '',
        module_stderr:
          'Traceback (most recent call last):\n  ping, data=crash was asked for\nException: boom\n',
        rc: 1,
      });
    }
    return a.data;
  },
  // Ansible's ping returns `ping` alone: no `msg` (playbooks test `'msg' in result` to tell modules apart).
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (_a, data) => ({ ping: data }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(pingModule);
