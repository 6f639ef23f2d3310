import type { GraphNode, PlayNode } from '../../dsl/graph.js';
import type { HostRun } from './host-run.js';
import type { PlayScope } from './play-scope.js';
import { type RunNodes, runInclude } from './run-include.js';
import { runTask } from './run-task.js';

/** Handler flushes stop after this many rounds (a handler notifying handlers that notify it back). */
const MAX_FLUSH_ROUNDS = 10;

/**
 * Runs notified handlers in definition order on the hosts that notified them, until none are pending. Failed
 * hosts run them only with `force_handlers`; unreachable hosts never do.
 */
export async function flushHandlers(scope: PlayScope, hosts: HostRun[], runNodes: RunNodes): Promise<void> {
  const { play } = scope;
  const force = play.forceHandlers ?? scope.state.options.forceHandlers ?? false;
  for (let round = 0; round < MAX_FLUSH_ROUNDS; round++) {
    let ran = false;
    for (const handler of play.handlers) {
      const notified = hosts.filter(
        // A host that `end_play`/`end_batch`/`end_host` ended runs no handlers, as Ansible's (its run is complete).
        (h) => h.notified.has(handler.id) && !h.unreachable && !h.ended && (!h.failed || force),
      );
      if (notified.length === 0) continue;
      for (const host of notified) host.notified.delete(handler.id);
      ran = true;
      const roleDefaults = handler.role ? (play.roleDefaults[handler.role.name] ?? {}) : {};
      const inherited = {
        when: [],
        vars: {},
        roleDefaults,
        checkMode: play.checkMode,
        keywords: play.become ? { become: play.become } : undefined,
      };
      // An include handler includes its tasks, which then run like the play's (Ansible runs them as handlers).
      // Forced handlers run their included tasks on failed hosts too.
      if (handler.kind === 'include') await runInclude(scope, handler, notified, inherited, force, runNodes);
      else await runTask(scope, handler, notified, inherited, true);
    }
    if (!ran) return;
  }
}

/** include_role: the role's handlers join the play's (once per name), so its tasks can notify them. */
export function addRoleHandlers(play: PlayNode, nodes: GraphNode[], idPrefix: string): void {
  nodes.forEach((node, i) => {
    if ((node.kind !== 'task' && node.kind !== 'include') || play.handlers.some((h) => h.name === node.name))
      return;
    play.handlers.push({
      ...node,
      id: `${idPrefix}.h${i}`,
      listen: (node.kind === 'task' && node.listen) || [],
    });
  });
}
