import type { GraphNode } from '../../dsl/graph.js';
import { resolvedBuiltin } from '../../modules/registry.js';
import { inventoryConnection } from './connection-choice.js';
import { moduleFile } from './execute-task.js';
import { mayGather } from './fact-gathering.js';
import type { HostRun } from './host-run.js';
import type { PlayScope } from './play-scope.js';

/**
 * Starts what a play's first tasks will wait for, in parallel: each host's login context and the bundles of the
 * play's modules (esbuild runs in its own process, so bundling overlaps the node start-ups).
 */
export function prewarm(scope: PlayScope, hosts: HostRun[]): void {
  const { state, play, pool } = scope;
  const modules = new Set<string>();
  const visit = (nodes: GraphNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'task' && node.resolved.runsOn !== 'controller')
        modules.add(moduleFile(node.resolved));
      if (node.kind === 'block') [node.block, node.rescue, node.always].forEach(visit);
    }
  };
  play.sections.forEach((s) => visit(s.nodes));
  visit(play.handlers);
  if (mayGather(play, state.options.gathering ?? 'implicit'))
    modules.add(moduleFile(resolvedBuiltin('setup')));
  for (const file of modules) state.master.responder.prepare(file).catch(() => {});
  for (const host of hosts) {
    try {
      pool.get({ host: host.name, settings: inventoryConnection(scope, host.name) }).catch(() => {});
    } catch {
      // the first task reports the problem with its context
    }
  }
}
