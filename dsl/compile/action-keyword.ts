/**
 * `action:` / `local_action:` rewritten into the ordinary task form (`module: args`), as Ansible reads them:
 * `action: copy src=a dest=b`, `action: {module: copy, src: a}`; `local_action` also delegates to localhost.
 */
export function expandActionKeyword(task: Record<string, unknown>): Record<string, unknown> {
  const key = 'local_action' in task ? 'local_action' : 'action' in task ? 'action' : undefined;
  if (!key) return task;
  const { [key]: value, ...rest } = task;
  let module: string | undefined;
  let args: unknown;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const space = trimmed.search(/\s/);
    module = space < 0 ? trimmed : trimmed.slice(0, space);
    args = space < 0 ? null : trimmed.slice(space + 1).trim();
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { module: name, ...moduleArgs } = value as Record<string, unknown>;
    if (typeof name !== 'string') return task;
    module = name;
    args = moduleArgs;
    if (rest.args && typeof rest.args === 'object') args = { ...(rest.args as object), ...moduleArgs };
  } else return task;
  if (!module) return task;
  return {
    ...rest,
    [module]: args,
    ...(key === 'local_action' ? { delegate_to: 'localhost' } : {}),
  };
}
