import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { defineModule, type ModuleEnv, ModuleFailure, type Plan } from './contract/define-module.js';
import { controllerFileHandOver } from './contract/hand-over.js';
import { taskEntry } from './contract/task-entry.js';
import { type ExecResult, execute, splitCommand } from './host/exec.js';

const args = z
  .object({
    /** Free form: `path/to/local_script.sh arg1 arg2` (the first word is a controller file). */
    cmd: z.string().min(1),
    chdir: z.string().optional(),
    creates: z.string().optional(),
    removes: z.string().optional(),
    executable: z.string().optional(),
    /** Accepted for Ansible playbooks; vault-encrypted scripts are not decrypted (only copy/template/unarchive src are). */
    decrypt: z.boolean().default(true),
    /** Handed over by runner/actions/script.ts: the script (path, bytes when small). */
    ...controllerFileHandOver,
  })
  .strict();

type Args = z.infer<typeof args>;
type State = { creates?: boolean; removes?: boolean };

/** Tries to run a just-written file; ETXTBSY (another thread's fork still holds a write fd) is retried briefly. */
async function runScript(argv: string[], a: Args, env: ModuleEnv): Promise<ExecResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await execute({ argv, chdir: a.chdir }, env);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ETXTBSY' && attempt < 10) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
        continue;
      }
      if (code === 'ENOEXEC' || code === 'EACCES')
        throw new ModuleFailure(
          `script: cannot execute ${a._src_path ?? argv[0]} (${code}): give it a #! line or set \`executable\``,
        );
      throw new ModuleFailure(`script: cannot run ${argv[0]}: ${(error as Error).message} (${code})`);
    }
  }
}

/** `script`: ship a controller script to the host, run it once without a shell, and remove it (Ansible's `script`). */
export const scriptModule = defineModule({
  name: 'script',
  summary: 'Transfer a controller script to the host, run it with arguments (no shell), then remove it.',
  runsOn: 'remote',
  idempotent: false,
  freeForm: 'cmd',
  freeFormStyle: 'command',
  args,
  probe: async (a): Promise<State> => ({
    creates: a.creates !== undefined ? existsSync(a.creates) : undefined,
    removes: a.removes !== undefined ? existsSync(a.removes) : undefined,
  }),
  plan(a, state): Plan<{ do: 'run' }> {
    if (state.creates) return { steps: [], reason: `${a.creates} exists, matching creates option` };
    if (state.removes === false)
      return { steps: [], reason: `${a.removes} does not exist, matching removes option` };
    return { steps: [{ do: 'run' }], reason: 'script will run' };
  },
  async apply(a, _state, _plan, env) {
    const [script, ...rest] = splitCommand(a.cmd);
    let data: Buffer;
    if (a._data) data = Buffer.from(a._data);
    else if (a._src_path && env.fetchControllerFile) data = await env.fetchControllerFile(a._src_path);
    else throw new ModuleFailure(`script: cannot read ${script}: no controller file was provided`);
    const dir = await mkdtemp(join(tmpdir(), 'spindle-script-'));
    try {
      const path = join(dir, basename(script));
      await writeFile(path, data, { mode: 0o700 });
      await chmod(path, 0o700);
      const argv = a.executable ? [a.executable, path, ...rest] : [path, ...rest];
      const result = await runScript(argv, a, env);
      const failed = result.rc !== 0;
      return {
        changed: true,
        ...result,
        msg: failed ? 'non-zero return code' : '',
        ...(failed ? { failed } : {}),
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  report: (_a, state) => (state.creates || state.removes === false ? { skipped: true } : {}),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(scriptModule);
