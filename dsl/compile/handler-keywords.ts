import type { BecomeSpec, CommonKeywords } from '../graph.js';

/** Keywords a handler takes from its parent when it does not set them itself. */
const PARENT_KEYS = [
  'environment',
  'ignoreErrors',
  'ignoreUnreachable',
  'noLog',
  'checkMode',
  'diff',
  'delegateTo',
  'runOnce',
  'throttle',
  'anyErrorsFatal',
  'remoteUser',
  'connection',
] as const;

/**
 * A handler under its parent (a static import in the handlers list, or the `import_role`/`include_role` that
 * brought its role), as Ansible parents a role's handler blocks to the include task: it runs only where the
 * parent's `when` holds too, sees the parent's variables (its own win), and takes the parent's `delegate_to`,
 * `become`, `ignore_errors` … where it sets none.
 */
export function underParent<T extends CommonKeywords>(handler: T, parent: CommonKeywords): T {
  const taken = Object.fromEntries(
    PARENT_KEYS.filter((key) => handler[key] === undefined && parent[key] !== undefined).map((key) => [
      key,
      parent[key],
    ]),
  );
  const become = mergedBecome(parent.become, handler.become);
  return {
    ...handler,
    ...taken,
    ...(become ? { become } : {}),
    when: [...parent.when, ...handler.when],
    vars: { ...parent.vars, ...handler.vars },
  };
}

/** `become` fields of the handler over those of its parent (`become_user` alone keeps the parent's `become`). */
function mergedBecome(parent?: BecomeSpec, own?: BecomeSpec): BecomeSpec | undefined {
  if (!parent || !own) return own ?? parent;
  return { ...parent, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
}
