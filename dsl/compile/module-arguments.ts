import { join } from 'node:path';
import type { z } from 'zod';
import { argumentAliases } from '../../modules/contract/aliases.js';
import { parseArguments } from '../../modules/contract/coerce-args.js';
import { builtinEntry, type ResolvedModule, resolveModule } from '../../modules/registry.js';
import { resolvedAnsible } from '../ansible/resolve.js';
import { checkAnsibleTask } from '../ansible/task-arguments.js';
import { describeValue } from '../issues.js';
import { didYouMean } from '../suggest.js';
import { childPath } from '../yaml/load.js';
import { type CompileContext, issue, type Source } from './compile-context.js';
import { expectation } from './keyword-shapes.js';
import { parseKeyValueArgs } from './kv.js';
import { handOverUnimplemented } from './native-fallback.js';
import { isStatic, isTemplated } from './templated.js';

/**
 * A module known to this playbook: a built-in, a file in the playbook's `modules/` folder, or else Ansible's own
 * module run through Python (a `library/` file, ansible-core's or a collection's, found or known by name).
 */
export function resolveTaskModule(
  written: string,
  playbookDir: string,
  roleDir?: string,
): ResolvedModule | undefined {
  return (
    resolveModule(written, [join(playbookDir, 'modules')]) ?? resolvedAnsible(written, playbookDir, roleDir)
  );
}

/** A task's arguments as the compiler leaves them: raw (templates kept), and checked when nothing is templated. */
export interface TaskArguments {
  args: Record<string, unknown>;
  checkedArgs?: Record<string, unknown>;
  /** Set when the task uses an option its native module lacks: Ansible's module runs it instead. */
  handedOver?: ResolvedModule;
}

/** Turns the module key's value (dict, `k=v` text, free-form text) plus `args:` into an argument object, validated. */
export function moduleArguments(
  ctx: CompileContext,
  source: Source,
  task: Record<string, unknown>,
  action: string,
  module: string,
  path: string,
  resolved?: ResolvedModule,
): TaskArguments {
  const raw = task[action];
  const entry = builtinEntry(module);
  const freeForm = entry?.definition.freeForm;
  const command = entry?.definition.freeFormStyle === 'command';
  let args: Record<string, unknown> = {};
  const argsPath = childPath(path, action);
  if (typeof raw === 'string') {
    try {
      args = parseKeyValueArgs(raw, { freeForm, command, templatedKeys: module === 'set_fact' });
    } catch (error) {
      issue(ctx, source, argsPath, 'invalid-arguments', `${module}: ${(error as Error).message}`);
      return { args: {} };
    }
  } else if (raw !== null && raw !== undefined) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      issue(
        ctx,
        source,
        argsPath,
        'invalid-arguments',
        `Expected the arguments of \`${module}\` to be a mapping or key=value text, got ${describeValue(raw)}`,
      );
      return { args: {} };
    }
    args = { ...(raw as Record<string, unknown>) };
  }
  if (task.args && typeof task.args === 'object')
    args = { ...(task.args as Record<string, unknown>), ...args };
  for (const [key, value] of Object.entries(args)) {
    if (key === 'mode' && typeof value === 'number') {
      if (source.loaded.octalPaths.has(childPath(argsPath, key))) args[key] = `0${value.toString(8)}`;
      else
        issue(
          ctx,
          source,
          childPath(argsPath, key),
          'invalid-argument',
          `Expected \`mode\` to be an octal string like "0644", got ${describeValue(value)}`,
        );
    }
  }
  for (const [name, warning] of Object.entries(entry?.definition.ignoredArgs ?? {}))
    if (name in args)
      issue(ctx, source, childPath(argsPath, name), 'ignored-argument', `${module}: ${warning}`, 'warning');
  if (resolved?.ansible) checkAnsibleTask(ctx, source, resolved.ansible, args, argsPath);
  if (!entry) return { args };
  const handed = handOverUnimplemented(ctx, source, action, entry.definition, args, argsPath);
  if (handed === 'rejected') return { args };
  if (handed?.resolved.ansible) {
    checkAnsibleTask(ctx, source, handed.resolved.ansible, handed.args, argsPath);
    return { args: handed.args, handedOver: handed.resolved };
  }
  const checkedArgs = validateArguments(ctx, source, entry.definition.args, args, module, argsPath);
  return checkedArgs && isStatic(args) ? { args, checkedArgs } : { args };
}

/**
 * Checks arguments against a module's schema at load time, skipping what templates decide at run time; returns
 * the parsed arguments when the check covered them all and passed.
 */
function validateArguments(
  ctx: CompileContext,
  source: Source,
  schema: z.ZodType,
  args: Record<string, unknown>,
  module: string,
  argsPath: string,
): Record<string, unknown> | undefined {
  // Templated values are only known at run time: leave them out of the check, and skip the issues they cause,
  // under the argument's canonical name too (`dest: "{{ x }}"` provides `path` for `file`).
  const aliases = argumentAliases(schema);
  const templatedKeys = Object.keys(args).filter((k) => isTemplated(args[k]));
  const templated = new Set([...templatedKeys, ...templatedKeys.map((k) => aliases[k] ?? k)]);
  const checkable = Object.fromEntries(Object.entries(args).filter(([k]) => !templatedKeys.includes(k)));
  const result = parseArguments(schema, checkable);
  if (result.success)
    return templatedKeys.length === 0 ? (result.data as Record<string, unknown>) : undefined;
  for (const zi of result.error.issues) {
    const key = zi.path.length > 0 ? String(zi.path[0]) : undefined;
    if (zi.code === 'unrecognized_keys') {
      for (const unknown of zi.keys) {
        issue(
          ctx,
          source,
          childPath(argsPath, unknown),
          'unknown-argument',
          `unknown argument \`${unknown}\` for module \`${module}\`${didYouMean(unknown, [...knownArgs(schema), ...Object.keys(aliases)])}`,
        );
      }
      continue;
    }
    if (key && templated.has(key)) continue;
    if (!key && templated.size > 0) continue;
    const value = key !== undefined ? args[key] : args;
    const where = key !== undefined ? childPath(argsPath, zi.path.map(String).join('.')) : argsPath;
    const message =
      zi.code === 'custom' || key === undefined
        ? `${module}: ${zi.message}`
        : value === undefined
          ? `\`${key}\` is required by module \`${module}\``
          : zi.code === 'invalid_format' || zi.code === 'too_small' || zi.code === 'too_big'
            ? `${zi.message.startsWith('Expected') ? zi.message : `Expected \`${key}\` to be valid: ${zi.message}`}, got ${describeValue(value)}`
            : `Expected \`${key}\` ${expectation(zi, key, false)}, got ${describeValue(value)}`;
    issue(ctx, source, where, 'invalid-argument', message);
  }
  return undefined;
}

/** The argument names a module schema accepts (for suggestions). */
function knownArgs(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let i = 0; i < 5 && current; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) break;
    if (def.shape) return Object.keys(def.shape as object);
    current = def.out ?? def.in ?? def.innerType ?? def.schema;
  }
  return [];
}
