import type { GraphNode, TaskGraph } from './graph.js';
import { listTitle } from './task-title.js';

function walk(nodes: GraphNode[], visit: (node: GraphNode, depth: number) => void, depth = 0): void {
  for (const node of nodes) {
    visit(node, depth);
    if (node.kind === 'block') {
      walk(node.block, visit, depth + 1);
      walk(node.rescue, visit, depth + 1);
      walk(node.always, visit, depth + 1);
    }
  }
}

/** A play's line in the listings; Ansible joins the play's own tags with a bare comma. */
function playHeader(play: TaskGraph['plays'][number]): string {
  return `  play #${Number(play.id.slice(1)) + 1} (${play.pattern}): ${play.name}\tTAGS: [${play.tags.join(',')}]`;
}

/** `--list-tasks`, byte for byte as ansible-playbook prints it (`shownAs`: the playbook path as given). */
export function listTasks(graph: TaskGraph, shownAs = graph.playbook): string {
  const lines = ['', `playbook: ${shownAs}`, ''];
  for (const play of graph.plays) {
    lines.push(playHeader(play), '    tasks:');
    for (const section of play.sections) listNodes(section.nodes, play.tags, lines);
    lines.push('');
  }
  return lines.join('\n');
}

/** One task per line with every tag it inherits, sorted; like Ansible, a block's rescue/always are not listed. */
function listNodes(nodes: GraphNode[], inherited: string[], lines: string[]): void {
  for (const node of nodes) {
    const tags = [...new Set([...inherited, ...node.tags])];
    if (node.kind === 'block') listNodes(node.block, tags, lines);
    else lines.push(`      ${listTitle(node)}\tTAGS: [${tags.sort().join(', ')}]`);
  }
}

/** `--list-hosts`: the hosts of every play (`shownAs`: the playbook path as given). */
export function listHosts(graph: TaskGraph, shownAs = graph.playbook): string {
  const lines = ['', `playbook: ${shownAs}`, ''];
  for (const play of graph.plays) {
    lines.push(playHeader(play), `    pattern: ['${play.pattern}']`, `    hosts (${play.hosts.length}):`);
    for (const host of play.hosts) lines.push(`      ${host}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `--list-tags`: the tags used in every play (`shownAs`: the playbook path as given). */
export function listTags(graph: TaskGraph, shownAs = graph.playbook): string {
  const lines = ['', `playbook: ${shownAs}`, ''];
  for (const play of graph.plays) {
    const tags = new Set(play.tags);
    for (const section of play.sections) walk(section.nodes, (node) => node.tags.forEach((t) => tags.add(t)));
    lines.push(playHeader(play), `      TASK TAGS: [${[...tags].sort().join(', ')}]`, '');
  }
  return lines.join('\n');
}

/** `--graph`: the compiled graph as a text tree (plays, sections, blocks, tasks with their modules). */
export function graphText(graph: TaskGraph): string {
  const lines: string[] = [];
  for (const play of graph.plays) {
    lines.push(`@${play.name} [${play.hosts.join(', ')}]`);
    for (const section of play.sections) {
      if (section.nodes.length === 0) continue;
      lines.push(`  |--${section.section}`);
      walk(section.nodes, (node, depth) => {
        const pad = '  '.repeat(depth + 2);
        const label =
          node.kind === 'task'
            ? `${node.name} (${node.module})`
            : node.kind === 'block'
              ? `block${node.name ? ` ${node.name}` : ''}`
              : node.kind === 'meta'
                ? `meta: ${node.action}`
                : node.name;
        lines.push(`${pad}|--${label}${node.when.length > 0 ? ` when: ${node.when.join(' and ')}` : ''}`);
      });
    }
    if (play.handlers.length > 0) {
      lines.push('  |--handlers');
      for (const handler of play.handlers) {
        const action =
          handler.kind === 'task'
            ? handler.module
            : handler.kind === 'meta'
              ? `meta: ${handler.action}`
              : `include_${handler.target.type}`;
        lines.push(`    |--${handler.name} (${action})`);
      }
    }
  }
  return lines.join('\n');
}
