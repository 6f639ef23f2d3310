import { type CompileContext, issue, type Source } from '../compile/compile-context.js';
import { isTemplated } from '../compile/templated.js';
import { childPath } from '../yaml/load.js';
import { moduleDocumentation } from './documentation.js';
import type { AnsibleModuleRef } from './resolve.js';
import { checkAnsibleArguments } from './validate.js';

const warned = new WeakMap<CompileContext, Set<string>>();

/** The hint shown when a real Ansible module has no Python source on this controller. */
export function installHint(fqcn: string, collection: string): string {
  return collection === 'ansible.builtin'
    ? `\`${fqcn}\` is an ansible-core module, but ansible-core is not installed on the controller (install ansible-core)`
    : `\`${fqcn}\` is a module of the ${collection} collection, which is not installed on the controller (ansible-galaxy collection install ${collection})`;
}

/**
 * Load-time checks of a task that runs an Ansible module: its arguments against the module's DOCUMENTATION
 * (file:line:col issues like built-in modules), or, when the module is known but not installed here, one
 * warning per name (a host that reaches the task fails with the same hint).
 */
export function checkAnsibleTask(
  ctx: CompileContext,
  source: Source,
  ref: AnsibleModuleRef,
  args: Record<string, unknown>,
  argsPath: string,
): void {
  if (!ref.source) {
    const seen = warned.get(ctx) ?? new Set<string>();
    warned.set(ctx, seen);
    if (!seen.has(ref.fqcn))
      issue(ctx, source, argsPath, 'module-not-installed', installHint(ref.fqcn, ref.collection), 'warning');
    seen.add(ref.fqcn);
    return;
  }
  const doc = moduleDocumentation(ref, ctx.playbookDir);
  if (!doc) return;
  const templated = new Set(Object.keys(args).filter((k) => isTemplated(args[k])));
  for (const problem of checkAnsibleArguments(ref.fqcn, doc, args, templated))
    issue(
      ctx,
      source,
      problem.arg ? childPath(argsPath, problem.arg) : argsPath,
      problem.code,
      problem.message,
    );
}
