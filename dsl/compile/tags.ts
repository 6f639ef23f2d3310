import type { GraphNode } from '../graph.js';

/** Whether a node with `tags` runs under `--tags`/`--skip-tags` (Ansible's rules, incl. always/never/tagged/untagged/all). */
export function selectedByTags(tags: string[], only?: string[], skip?: string[]): boolean {
  const has = (t: string) => tags.includes(t);
  if (skip && skip.length > 0) {
    if (skip.includes('all') && !has('always')) return false;
    if (skip.some((t) => has(t))) return false;
    if (skip.includes('tagged') && tags.length > 0 && !has('always')) return false;
    if (skip.includes('untagged') && tags.length === 0) return false;
  }
  if (!only || only.length === 0 || only.includes('all')) return !has('never');
  if (has('always')) return true;
  if (only.includes('tagged') && tags.length > 0 && !has('never')) return true;
  if (only.includes('untagged') && tags.length === 0) return true;
  return only.some((t) => has(t));
}

/** `nodes` with `extra` tags added to each (and to everything inside blocks): an include's `apply: {tags}`. */
export function withTags(nodes: GraphNode[], extra: string[]): GraphNode[] {
  if (extra.length === 0) return nodes;
  return nodes.map((node) => {
    const tags = [...node.tags, ...extra.filter((t) => !node.tags.includes(t))];
    // A nested include passes them on to its own tasks in turn.
    if (node.kind === 'include')
      return { ...node, tags, inheritedTags: [...(node.inheritedTags ?? []), ...extra] };
    if (node.kind !== 'block') return { ...node, tags };
    return {
      ...node,
      tags,
      block: withTags(node.block, extra),
      rescue: withTags(node.rescue, extra),
      always: withTags(node.always, extra),
    };
  });
}

/** Removes the task nodes that tags deselect (blocks keep the selected part of their sections). */
export function filterByTags(nodes: GraphNode[], only?: string[], skip?: string[]): GraphNode[] {
  if ((!only || only.length === 0) && (!skip || skip.length === 0))
    return nodes.filter((n) => n.kind === 'block' || !n.tags.includes('never'));
  const out: GraphNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'block') {
      const block = filterByTags(node.block, only, skip);
      const rescue = filterByTags(node.rescue, only, skip);
      const always = filterByTags(node.always, only, skip);
      if (block.length + rescue.length + always.length > 0) out.push({ ...node, block, rescue, always });
    } else if (selectedByTags(node.tags, only, skip)) out.push(node);
  }
  return out;
}
