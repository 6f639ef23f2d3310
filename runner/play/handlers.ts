import type { GraphNode, HandlerNode, PlayNode } from '../../dsl/graph.js';
import type { HostRun } from './host-run.js';
import type { PlayScope } from './play-scope.js';
import { type RunNodes, runInclude } from './run-include.js';
import { runMeta } from './run-meta.js';
import { runTask } from './run-task.js';

/**
 * Runs notified handlers once each, in definition order, on the hosts that notified them, as Ansible's iterator
 * walks the handler list once per flush: a handler notified by a later one (or by itself) waits for the next
 * flush, and one that notifies itself drops that notification (Ansible forgets a host once its handler ran). Failed
 * hosts run them only with `force_handlers`, or when `failedToo` (a `meta: flush_handlers` they reached in an
 * `always:` after failing, as Ansible's iterator lets them) until a handler fails there; unreachable hosts never do.
 */
export async function flushHandlers(
  scope: PlayScope,
  hosts: HostRun[],
  runNodes: RunNodes,
  failedToo = false,
): Promise<void> {
  const { play } = scope;
  const force = play.forceHandlers ?? scope.state.options.forceHandlers ?? false;
  // A host failed before the flush keeps its last failure while its handlers succeed.
  const failureBefore = new Map(hosts.map((h) => [h, h.failed ? h.lastFailure : undefined]));
  const mayRun = (h: HostRun) =>
    !h.failed ||
    force ||
    (failedToo && failureBefore.get(h) !== undefined && failureBefore.get(h) === h.lastFailure);
  for (const handler of play.handlers) {
    if (scope.state.aborted) return;
    const notified = hosts.filter(
      // A host that `end_play`/`end_batch`/`end_host` ended runs no handlers, as Ansible's (its run is complete).
      (h) => h.notified.has(handler.id) && !h.unreachable && !h.ended && mayRun(h),
    );
    if (notified.length === 0) continue;
    const roleDefaults = handler.role ? (play.roleDefaults[handler.role.name] ?? {}) : {};
    const inherited = {
      when: [],
      vars: {},
      roleDefaults,
      checkMode: play.checkMode,
      keywords: play.become ? { become: play.become } : undefined,
      handler: true,
    };
    const failureBefore = new Map(notified.map((h) => [h, h.lastFailure]));
    // An include handler includes its tasks, which then run like the play's (Ansible runs them as handlers).
    // Forced handlers run their included tasks on failed hosts too.
    if (handler.kind === 'include') await runInclude(scope, handler, notified, inherited, force, runNodes);
    else if (handler.kind === 'meta')
      runMeta(scope, { node: handler, live: notified, all: hosts, inherited });
    else await runTask(scope, handler, notified, inherited);
    for (const host of notified) {
      host.notified.delete(handler.id);
      // A handler that fails inside a block with `rescue` still triggers the rescue, but Ansible counts it as
      // failed, not rescued (the host is flushing handlers, not in the block's tasks).
      if (host.failed && host.lastFailure !== failureBefore.get(host)) host.failureOutlivesRescue = true;
    }
  }
}

/**
 * include_role: the role's handlers join the play's (once per role), so its tasks can notify them. Appended
 * last, as Ansible's, they answer a name they share with earlier handlers (Ansible searches from the last
 * handler block); within the role the first of a name wins.
 */
export function addRoleHandlers(play: PlayNode, nodes: GraphNode[], idPrefix: string): void {
  const named = (n: GraphNode) =>
    n.kind === 'task' ? n.name !== n.module : n.kind !== 'block' && !n.unnamed;
  const added: HandlerNode[] = [];
  nodes.forEach((node, i) => {
    if (node.kind === 'block') return;
    const same = (h: HandlerNode) => h.name === node.name && h.role?.path === node.role?.path;
    if (play.handlers.some(same)) return;
    const shadowed = named(node) && added.some((h) => h.name === node.name);
    if (named(node) && !shadowed)
      for (const earlier of play.handlers)
        if (named(earlier) && earlier.name === node.name) earlier.shadowed = true;
    const handler: HandlerNode = {
      ...node,
      id: `${idPrefix}.h${i}`,
      listen: node.kind === 'include' ? [] : (node.listen ?? []),
      ...(shadowed ? { shadowed: true } : {}),
    };
    added.push(handler);
    play.handlers.push(handler);
  });
}
