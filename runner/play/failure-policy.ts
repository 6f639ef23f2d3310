import type { GraphNode, PlayNode } from '../../dsl/graph.js';
import type { HostRun } from './host-run.js';

/**
 * After each node: `any_errors_fatal` (play or node) ends the play for every host once one failed, and
 * `max_fail_percentage` ends it once more than that share of the batch failed or is unreachable. Returns
 * whether it did: then, as in Ansible, the playbook stops too.
 */
export function applyFailurePolicy(play: PlayNode, hosts: HostRun[], node: GraphNode): boolean {
  // A failure a block's `rescue` or `always` will handle does not count: Ansible's host is then rescuing or in
  // `always`, not failed.
  const failed = hosts.filter(
    (h) => (h.failed && h.rescueDepth === 0 && h.alwaysDepth === 0) || h.unreachable,
  );
  if (failed.length === 0) return false;
  const fatal =
    play.anyErrorsFatal ||
    Boolean(node.anyErrorsFatal) ||
    (play.maxFailPercentage !== undefined && (failed.length / hosts.length) * 100 > play.maxFailPercentage);
  if (fatal) for (const host of hosts) host.ended = true;
  return fatal;
}
