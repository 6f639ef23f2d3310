import { argumentAliases } from '../../modules/contract/aliases.js';
import type { ModuleDefinition } from '../../modules/contract/define-module.js';
import { parseModuleName } from '../../modules/contract/module-name.js';
import { usedUnsupported } from '../../modules/contract/unsupported-options.js';
import type { ResolvedModule } from '../../modules/registry.js';
import { pythonModuleFor } from '../ansible/action-plugins.js';
import { resolvedAnsible } from '../ansible/resolve.js';
import { installHint } from '../ansible/task-arguments.js';
import { childPath } from '../yaml/load.js';
import { type CompileContext, issue, type Source } from './compile-context.js';
import { isTemplated } from './templated.js';

/** A built-in task handed to Ansible's module: what runs instead, and the arguments it receives. */
export interface HandedOver {
  resolved: ResolvedModule;
  args: Record<string, unknown>;
}

/** The options a task uses that its native module does not implement: with a static value, and templated. */
interface UnimplementedUse {
  /** Given a value other than the option's "not used" one. */
  fixed?: string;
  /** Given a template: known only at run time (the native module fails naming it if it renders to a use). */
  templated?: string;
}

/** Finds the unimplemented options a task uses, under their names or aliases. */
export function unimplementedOptions(
  definition: ModuleDefinition,
  args: Record<string, unknown>,
): UnimplementedUse {
  const options = definition.unsupportedArgs ?? {};
  const aliases = argumentAliases(definition.args);
  const fixed: Record<string, unknown> = {};
  const templated = new Set<string>();
  for (const [key, value] of Object.entries(args)) {
    const name = aliases[key] ?? key;
    if (isTemplated(value)) templated.add(name);
    else fixed[name] = value;
  }
  return {
    fixed: usedUnsupported(options, fixed),
    templated: Object.keys(options).find((name) => templated.has(name)),
  };
}

/**
 * Decides who runs a task of a built-in module. Native code, unless the task uses an option the native module
 * does not implement: then Ansible's module of the same name runs it through Python when its source is on the
 * controller and it needs no controller-side action plugin. Otherwise a static value is a load error naming
 * the option (reported here; the result is then `'rejected'`), and a templated one is left to the native
 * module, which fails naming the option if it renders to anything but "not used". `undefined` means native.
 */
export function handOverUnimplemented(
  ctx: CompileContext,
  source: Source,
  written: string,
  definition: ModuleDefinition,
  args: Record<string, unknown>,
  argsPath: string,
): HandedOver | 'rejected' | undefined {
  const used = unimplementedOptions(definition, args);
  const option = used.fixed ?? used.templated;
  if (!option) return undefined;
  const reject = (why: string): 'rejected' | undefined => {
    if (!used.fixed) return undefined;
    issue(
      ctx,
      source,
      childPath(argsPath, option in args ? option : aliasOf(definition, option, args)),
      'unsupported-option',
      `option \`${option}\` is not implemented by Spindle's native ${definition.name} module (docs/modules/${definition.name}.md), and ${why}`,
    );
    return 'rejected';
  };
  const handed = ansibleModuleFor(ctx, written, args);
  return 'reason' in handed ? reject(handed.reason) : handed;
}

/**
 * Ansible's module that runs a task written for a built-in (`written` as the task names it) through Python,
 * with the arguments it receives; `reason` when none can (a controller-side action plugin, not installed …).
 */
export function ansibleModuleFor(
  ctx: CompileContext,
  written: string,
  args: Record<string, unknown>,
): HandedOver | { reason: string } {
  const { collection, short } = parseModuleName(written);
  if (collection === 'spindle') return { reason: `\`${written}\` names the native module only` };
  const choice = pythonModuleFor(short, args);
  if ('reason' in choice) return choice;
  const resolved = resolvedAnsible(`ansible.builtin.${choice.module}`, ctx.playbookDir);
  if (!resolved?.ansible?.source)
    return {
      reason: resolved?.ansible
        ? installHint(resolved.ansible.fqcn, resolved.ansible.collection)
        : `Ansible has no module \`${choice.module}\` to run it`,
    };
  return { resolved, args: choice.args };
}

/** The key a task wrote for `option` when it used an alias (`attr` for `attributes`). */
function aliasOf(definition: ModuleDefinition, option: string, args: Record<string, unknown>): string {
  const aliases = argumentAliases(definition.args);
  return Object.keys(args).find((key) => aliases[key] === option) ?? option;
}
