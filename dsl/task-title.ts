import type { GraphNode, IncludeNode, TaskNode } from './graph.js';

/**
 * How Ansible titles a task in TASK banners and events: `role : name` for a role's task (named or not), the
 * action as written for an unnamed task, `include_role : ROLE` for an unnamed include_role.
 */
export function taskTitle(node: TaskNode | IncludeNode): string {
  if (node.kind === 'include' && node.unnamed && node.target.type === 'role')
    return `${node.name} : ${node.target.role}`;
  return node.role ? `${node.role.name} : ${node.name}` : node.name;
}

/**
 * How `ansible-playbook --list-tasks` names a node: `role : name` for a role's named task, the bare action as
 * written for an unnamed one (also inside a role), meta tasks alike.
 */
export function listTitle(node: GraphNode): string {
  if (node.kind === 'block') return node.name ?? 'block';
  if (node.unnamed) return node.name;
  return node.role ? `${node.role.name} : ${node.name}` : node.name;
}
