import { expandUser, expandVars } from '../host/expand-args.js';
import { failResult } from '../task-result.js';
import { ansibleArgumentMessage } from './argument-messages.js';
import { parseArguments } from './coerce-args.js';
import type { ModuleDefinition, ModuleEnv, ModuleResult } from './define-module.js';
import { ModuleFailure } from './define-module.js';
import { unsupportedMessage, usedUnsupported } from './unsupported-options.js';

/** The outcome of checking raw arguments against a module's schema: the parsed arguments, or a failed result. */
export type ValidatedArgs = { ok: true; args: unknown } | { ok: false; failure: ModuleResult };

/**
 * Checks raw arguments against a module's zod schema (Ansible's type conversions, aliases and defaults applied). The controller
 * does this for built-in modules before the call, so remote contexts need not carry zod (modules/contract/inert-zod.ts).
 */
export function validateArgs(
  definition: ModuleDefinition,
  rawArgs: unknown,
  invokedAs: string = definition.name,
): ValidatedArgs {
  const parsed = parseArguments(definition.args, rawArgs);
  if (parsed.success) return { ok: true, args: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    failure: failResult(ansibleArgumentMessage(invokedAs, definition.args, first, rawArgs)),
  };
}

/**
 * Runs one module invocation: validate args (unless the caller already did), probe, plan, then apply unless in
 * check mode or nothing differs.
 */
export async function runModule(
  definition: ModuleDefinition,
  rawArgs: unknown,
  env: ModuleEnv,
  options: { validated?: boolean } = {},
): Promise<ModuleResult> {
  let args = rawArgs;
  if (!options.validated) {
    const checked = validateArgs(definition, rawArgs);
    if (!checked.ok) return checked.failure;
    args = checked.args;
  }
  args = expandPathArgs(definition, args, env);
  const unsupported = usedUnsupported(definition.unsupportedArgs ?? {}, args);
  if (unsupported) return failResult(unsupportedMessage(definition.name, unsupported));
  if (env.check && definition.checkMode === 'unsupported') {
    return {
      changed: false,
      skipped: true,
      msg: `remote module (${definition.name}) does not support check mode`,
    };
  }
  try {
    const state = await definition.probe(args, env);
    const plan = definition.plan(args, state, env);
    const extra = definition.report?.(args, state, plan) ?? {};
    if (plan.steps.length === 0) {
      return {
        changed: false,
        ...(plan.reason ? { msg: plan.reason } : {}),
        ...extra,
        ...(plan.diff ? { diff: plan.diff } : {}),
      };
    }
    if (env.check && definition.checkMode !== 'run') {
      if (!definition.idempotent) return checkModeCommand(rawArgs);
      return { changed: true, msg: plan.reason, ...extra, ...(plan.diff ? { diff: plan.diff } : {}) };
    }
    const result = await definition.apply(args, state, plan, env);
    if (definition.checkMode === 'run' && result.changed) {
      throw new Error(`${definition.name} runs in check mode, so it must never report a change`);
    }
    return { ...(plan.diff ? { diff: plan.diff } : {}), msg: plan.reason, ...result };
  } catch (error) {
    return failureResult(definition.name, error);
  }
}

/** The arguments with those of Ansible's type `path` expanded as AnsibleModule does (`$HOME/x`, `~/x`). */
function expandPathArgs(definition: ModuleDefinition, args: unknown, env: ModuleEnv): unknown {
  if (!definition.pathArgs || typeof args !== 'object' || args === null) return args;
  const given = args as Record<string, unknown>;
  const names = typeof definition.pathArgs === 'function' ? definition.pathArgs(given) : definition.pathArgs;
  const environment = { ...process.env, ...env.environment };
  const expand = (value: unknown) =>
    typeof value === 'string' ? expandUser(expandVars(value, environment), environment) : value;
  const out = { ...given };
  for (const name of names)
    if (out[name] !== undefined)
      out[name] = Array.isArray(out[name]) ? out[name].map(expand) : expand(out[name]);
  return out;
}

/** Turns anything thrown by a module into Ansible's `failed: true` result with a message naming the cause. */
export function failureResult(moduleName: string, error: unknown): ModuleResult {
  if (error instanceof ModuleFailure) {
    return failResult(error.message, error.details);
  }
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ? ` (${err.code})` : '';
  return failResult(`${moduleName}: ${err?.message ?? String(error)}${code}`);
}

/**
 * Check mode for modules that cannot know what they would change (command, shell …), as Ansible reports it:
 * skipped, unless `creates`/`removes` let it say that the command would run.
 */
function checkModeCommand(rawArgs: unknown): ModuleResult {
  const args = (rawArgs ?? {}) as Record<string, unknown>;
  const msg = 'Command would have run if not in check mode';
  if (args.creates === undefined && args.removes === undefined) return { changed: false, skipped: true, msg };
  return { changed: true, msg };
}
