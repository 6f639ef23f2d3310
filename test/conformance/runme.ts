import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execute, type Outcome } from './execute.js';
import { ensureLocales } from './locale.js';
import { standardLocale } from './sandbox.js';
import { type Call, readCalls, type ShimCommands, writeShims } from './shims.js';

/** How a target ran under one tool: every recorded `ansible-playbook`/`ansible` call, and the runme.sh itself. */
export interface TargetRun {
  readonly calls: readonly Call[];
  /** The runme.sh as a whole (absent for role targets, which are one playbook run). */
  readonly script?: Outcome;
}

/** Where and how to run a runme.sh. */
export interface ScriptSetup {
  readonly script: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** A scratch folder of the run, for the shims and the record of their calls. */
  readonly scratch: string;
  /** Where compiled locales are kept between runs. */
  readonly localeDir: string;
  readonly commands: ShimCommands;
  readonly timeoutMs: number;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a runme.sh as ansible-test does (`./runme.sh` in the target's folder, so its shebang and `set -eux` apply)
 * with shims first on PATH that stand for `ansible-playbook` and `ansible` and record every call.
 */
export async function runScript(setup: ScriptSetup): Promise<TargetRun> {
  const callsDir = join(setup.scratch, 'calls');
  const path = writeShims(join(setup.scratch, 'shims'), setup.commands, process.env.PATH ?? '/usr/bin:/bin');
  const text = readFileSync(setup.script, 'utf8');
  const locales = ensureLocales(`${standardLocale}\n${text}`, setup.localeDir);
  const [command, args] = executable(setup.script) ? [setup.script, []] : ['bash', [setup.script]];
  const script = await execute(command, args, {
    cwd: setup.cwd,
    env: { ...process.env, ...setup.env, ...locales, PATH: path, SPINDLE_CONFORMANCE_CALLS: callsDir },
    timeoutMs: setup.timeoutMs,
  });
  return { calls: readCalls(callsDir), script };
}
