import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { defineModule, type ModuleDefinition, ModuleFailure, type Plan } from '../contract/define-module.js';
import { type ExecRequest, execute } from '../host/exec.js';
import { expandArguments } from '../host/expand-args.js';
import { anyPathMatches } from '../host/glob.js';

/** Arguments shared by `command` and `shell`. */
export const commandArgs = z
  .object({
    cmd: z.string().optional(),
    argv: z.array(z.string()).optional(),
    chdir: z.string().optional(),
    creates: z.string().optional(),
    removes: z.string().optional(),
    stdin: z.string().optional(),
    stdin_add_newline: z.boolean().default(true),
    executable: z.string().optional(),
    strip_empty_ends: z.boolean().default(true),
    /** Removed in Ansible 2.14 (it refuses it); accepted and ignored here, with a compile-time warning. */
    warn: z.boolean().optional(),
  })
  .strict()
  .refine((a) => (a.cmd ?? '').trim() !== '' || (a.argv ?? []).length > 0, {
    message: 'no command given: pass `cmd` (free form) or `argv`',
  })
  .refine((a) => !(a.cmd && a.argv?.length), {
    message: 'only command or argv can be given, not both',
  });

type Args = z.infer<typeof commandArgs>;

/** The result keys Ansible's command module always returns, as they are when the command did not run. */
const NOTHING_RAN = { rc: null, stdout: '', stderr: '', start: null, end: null, delta: null };

/** Why the module cannot change to `folder` (Python's OSError text, as Ansible's message quotes it), if it cannot. */
function folderProblem(folder: string): string | undefined {
  try {
    if (statSync(folder).isDirectory()) return undefined;
    return `[Errno 20] Not a directory: b'${folder}'`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const errno = code === 'EACCES' ? '[Errno 13] Permission denied' : '[Errno 2] No such file or directory';
    return `${errno}: b'${folder}'`;
  }
}
type State = { creates?: boolean; removes?: boolean };

/** Builds `command` or `shell`: the same gates (creates/removes, chdir, stdin), different argv construction. */
export function commandModule(
  name: 'command' | 'shell',
  summary: string,
  toArgv: (a: Args) => string[],
): ModuleDefinition<typeof commandArgs, State, { do: 'run' }> {
  const resolve = (a: Args, path: string) => (isAbsolute(path) || !a.chdir ? path : join(a.chdir, path));
  // As Ansible: `cmd` is the argv list for command, the command line for shell.
  const cmdOf = (a: Args, argv?: string[]) => (name === 'command' ? (argv ?? toArgv(a)) : (a.cmd ?? a.argv));
  // As Ansible 2.14: command ignores `executable` and says so in the result's warnings.
  const warningsOf = (a: Args) =>
    name === 'command' && a.executable
      ? {
          warnings: [
            `As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${a.executable}'.`,
          ],
        }
      : {};
  return defineModule({
    name,
    summary,
    pathArgs: ['chdir', 'creates', 'removes'],
    runsOn: 'remote',
    idempotent: false,
    freeForm: 'cmd',
    freeFormStyle: 'command',
    ignoredArgs: {
      warn: '`warn` was removed from command and shell in Ansible 2.14; Spindle accepts it and ignores it',
    },
    args: commandArgs,
    probe: async (a) => {
      // As Ansible: the module changes to `chdir` first, before creates/removes and check mode.
      const unusable = a.chdir !== undefined ? folderProblem(a.chdir) : undefined;
      if (unusable)
        throw new ModuleFailure(`Unable to change directory before execution: ${unusable}`, {
          ...NOTHING_RAN,
          cmd: cmdOf(a),
        });
      return {
        // As Ansible: creates/removes are glob patterns (`/run/app.*`).
        creates: a.creates !== undefined ? anyPathMatches(resolve(a, a.creates)) : undefined,
        removes: a.removes !== undefined ? anyPathMatches(resolve(a, a.removes)) : undefined,
      };
    },
    plan(a, state): Plan<{ do: 'run' }> {
      if (state.creates) return { steps: [], reason: `Did not run command since '${a.creates}' exists` };
      if (state.removes === false)
        return { steps: [], reason: `Did not run command since '${a.removes}' does not exist` };
      return { steps: [{ do: 'run' }], reason: `${name} will run` };
    },
    async apply(a, _state, _plan, env) {
      const argv = toArgv(a);
      const request: ExecRequest = {
        // As Ansible's run_command: command's arguments get $VARS and ~ expanded (a shell does its own).
        argv: name === 'command' ? expandArguments(argv, { ...process.env, ...env.environment }) : argv,
        chdir: a.chdir,
        stdin: a.stdin !== undefined ? a.stdin + (a.stdin_add_newline ? '\n' : '') : undefined,
        trim: a.strip_empty_ends ? 'rstrip' : 'keep',
      };
      let result: Awaited<ReturnType<typeof execute>>;
      try {
        result = await execute(request, env);
      } catch (error) {
        const err = error as NodeJS.ErrnoException;
        if (err?.code !== 'ENOENT' && err?.code !== 'EACCES') throw error;
        // A missing executable: Ansible's result (rc 2, empty output, the OS error as msg).
        const errno =
          err.code === 'ENOENT' ? '[Errno 2] No such file or directory' : '[Errno 13] Permission denied';
        return {
          changed: false,
          failed: true,
          ...warningsOf(a),
          cmd: cmdOf(a, argv),
          msg: `${errno}: b'${argv[0]}'`,
          rc: err.code === 'ENOENT' ? 2 : 13,
          stdout: '',
          stdout_lines: [],
          stderr: '',
          stderr_lines: [],
        };
      }
      const failed = result.rc !== 0;
      return {
        changed: true,
        cmd: cmdOf(a, argv),
        ...result,
        msg: failed ? 'non-zero return code' : '',
        ...(failed ? { failed } : {}),
        ...warningsOf(a),
      };
    },
    report: (a, state) =>
      state.creates || state.removes === false
        ? {
            rc: 0,
            stdout: `skipped, since ${state.creates ? a.creates : a.removes} ${state.creates ? 'exists' : 'does not exist'}`,
            stdout_lines: [],
            stderr: '',
            stderr_lines: [],
            cmd: cmdOf(a),
            ...warningsOf(a),
          }
        : {},
  });
}
