import { z } from 'zod';
import { defineModule } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { execute } from './host/exec.js';

const args = z.object({ cmd: z.string(), executable: z.string().optional() }).strict();

/** The command line `raw` runs; transports without a remote Node can run it over a plain exec. */
export function rawCommandLine(a: { cmd: string; executable?: string }): string[] {
  return [a.executable ?? '/bin/sh', '-c', a.cmd];
}

/** `raw`: runs a command line with a plain shell, nothing else (bootstrap work, odd targets). */
export const rawModule = defineModule({
  name: 'raw',
  summary: 'Run a command line through a plain shell (no checks, no idempotence).',
  runsOn: 'remote',
  idempotent: false,
  freeForm: 'cmd',
  freeFormStyle: 'command',
  args,
  probe: async () => null,
  plan: () => ({ steps: [{ do: 'run' }], reason: 'raw will run' }),
  async apply(a, _state, _plan, env) {
    const result = await execute({ argv: rawCommandLine(a) }, env);
    const failed = result.rc !== 0;
    return {
      changed: true,
      rc: result.rc,
      stdout: result.stdout,
      stderr: result.stderr,
      stdout_lines: result.stdout_lines,
      stderr_lines: result.stderr_lines,
      ...(failed ? { failed, msg: 'non-zero return code' } : { msg: '' }),
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(rawModule);
