import { splitArgTokens } from './split-args.js';

/** A task with `action:`/`local_action:` rewritten, and the module name that keyword gave (undefined without one). */
export interface ExpandedTask {
  task: Record<string, unknown>;
  fromActionKeyword?: string;
}

/**
 * `action:` / `local_action:` rewritten into the ordinary task form (`module: args`), as Ansible reads them:
 * `action: copy src=a dest=b`, `action: {module: copy, src: a}`; `local_action` also delegates to localhost.
 * The module name is the first word as Ansible's `split_args` splits it, so a template (`"{{ pkg_mgr }} name=x"`)
 * stays whole.
 */
export function expandActionKeyword(task: Record<string, unknown>): ExpandedTask {
  const key = 'local_action' in task ? 'local_action' : 'action' in task ? 'action' : undefined;
  if (!key) return { task };
  const { [key]: value, ...rest } = task;
  let module: string | undefined;
  let args: unknown;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    let first: { end: number } | undefined;
    try {
      first = splitArgTokens(trimmed)[0];
    } catch {
      first = undefined;
    }
    const end = first?.end ?? trimmed.search(/\s|$/);
    module = trimmed.slice(0, end);
    const remainder = trimmed.slice(end).trim();
    args = remainder === '' ? null : remainder;
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { module: name, ...moduleArgs } = value as Record<string, unknown>;
    if (typeof name !== 'string') return { task };
    module = name;
    args = moduleArgs;
    if (rest.args && typeof rest.args === 'object') args = { ...(rest.args as object), ...moduleArgs };
  } else return { task };
  if (!module) return { task };
  return {
    task: {
      ...rest,
      [module]: args,
      ...(key === 'local_action' ? { delegate_to: 'localhost' } : {}),
    },
    fromActionKeyword: module,
  };
}
