import type { GraphNode, PlayNode } from '../../dsl/graph.js';
import type { HostRun } from './host-run.js';

/**
 * After each node: `any_errors_fatal` (play or node) ends the play for every host once one failed, and
 * `max_fail_percentage` ends it once more than that share of the batch failed or is unreachable.
 */
export function applyFailurePolicy(play: PlayNode, hosts: HostRun[], node: GraphNode): void {
  const failed = hosts.filter((h) => h.failed || h.unreachable);
  if (failed.length === 0) return;
  if (play.anyErrorsFatal || node.anyErrorsFatal) for (const host of hosts) host.ended = true;
  if (play.maxFailPercentage !== undefined && (failed.length / hosts.length) * 100 > play.maxFailPercentage)
    for (const host of hosts) host.ended = true;
}
