import type { GraphNode, TaskGraph } from './graph.js';

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

/** `--list-tasks`: every task per play with its tags, like ansible-playbook. */
export function listTasks(graph: TaskGraph): string {
  const lines = [`playbook: ${graph.playbook}`, ''];
  for (const play of graph.plays) {
    lines.push(
      `  play #${Number(play.id.slice(1)) + 1} (${play.pattern}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`,
      '    tasks:',
    );
    for (const section of play.sections) {
      walk(section.nodes, (node) => {
        if (node.kind === 'task' || node.kind === 'include')
          lines.push(`      ${node.name}\tTAGS: [${node.tags.join(', ')}]`);
      });
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** `--list-hosts`: the hosts of every play. */
export function listHosts(graph: TaskGraph): string {
  const lines = [`playbook: ${graph.playbook}`, ''];
  for (const play of graph.plays) {
    lines.push(
      `  play #${Number(play.id.slice(1)) + 1} (${play.pattern}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`,
      `    pattern: ['${play.pattern}']`,
      `    hosts (${play.hosts.length}):`,
    );
    for (const host of play.hosts) lines.push(`      ${host}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `--list-tags`: the tags used in every play. */
export function listTags(graph: TaskGraph): string {
  const lines = [`playbook: ${graph.playbook}`, ''];
  for (const play of graph.plays) {
    const tags = new Set(play.tags);
    for (const section of play.sections) walk(section.nodes, (node) => node.tags.forEach((t) => tags.add(t)));
    lines.push(
      `  play #${Number(play.id.slice(1)) + 1} (${play.pattern}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`,
      `      TASK TAGS: [${[...tags].sort().join(', ')}]`,
      '',
    );
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
      for (const handler of play.handlers) lines.push(`    |--${handler.name} (${handler.module})`);
    }
  }
  return lines.join('\n');
}
