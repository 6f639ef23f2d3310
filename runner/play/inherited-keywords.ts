import type { BecomeSpec, CommonKeywords, TaskNode } from '../../dsl/graph.js';

/**
 * The keywords a task takes from its enclosing blocks, roles and play when it does not set them itself
 * (Ansible's parent chain): `become*`, `ignore_errors`, `no_log`, `delegate_to` …
 */
export type InheritedKeywords = Pick<
  CommonKeywords,
  | 'become'
  | 'ignoreErrors'
  | 'ignoreUnreachable'
  | 'noLog'
  | 'diff'
  | 'delegateTo'
  | 'runOnce'
  | 'throttle'
  | 'anyErrorsFatal'
>;

const SCALAR_KEYS = [
  'ignoreErrors',
  'ignoreUnreachable',
  'noLog',
  'diff',
  'delegateTo',
  'runOnce',
  'throttle',
  'anyErrorsFatal',
] as const;

/** `become` of an inner node over an outer one, field by field (`become_user` alone keeps the outer `become`). */
function mergeBecome(outer?: BecomeSpec, inner?: BecomeSpec): BecomeSpec | undefined {
  if (!inner) return outer;
  if (!outer) return inner;
  const own = Object.fromEntries(Object.entries(inner).filter(([, v]) => v !== undefined)) as BecomeSpec;
  // A `become: "{{ omit }}"` falls back to what encloses the node, as Ansible's omit does.
  const fallback = typeof inner.become === 'string' ? { fallback: outer.become } : {};
  return { ...outer, ...own, ...fallback };
}

/** The keywords an inner node (block, role, task) ends up with: its own where set, else the enclosing ones. */
export function mergeKeywords(
  outer: InheritedKeywords | undefined,
  inner: InheritedKeywords,
): InheritedKeywords {
  const merged: InheritedKeywords = { ...outer };
  for (const key of SCALAR_KEYS) if (inner[key] !== undefined) Object.assign(merged, { [key]: inner[key] });
  const become = mergeBecome(outer?.become, inner.become);
  return become ? { ...merged, become } : merged;
}

/** A task with the keywords it inherits filled in where it sets none. */
export function withInheritedKeywords(task: TaskNode, inherited: InheritedKeywords | undefined): TaskNode {
  return inherited ? { ...task, ...mergeKeywords(inherited, task) } : task;
}
