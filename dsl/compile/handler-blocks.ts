import type { GraphNode } from '../graph.js';
import type { DslIssue } from '../issues.js';

/**
 * The `block:`s nested in a `block:` of a handler list, as Ansible's load errors: each entry of a handler list
 * (or of a file it imports or includes) is already a block of its own, so one written level is allowed.
 */
export function nestedHandlerBlocks(nodes: GraphNode[], inBlock = false): DslIssue[] {
  return nodes.flatMap((node): DslIssue[] => {
    if (node.kind !== 'block') return [];
    if (node.imported) return nestedHandlerBlocks(node.block, false);
    if (!inBlock) return nestedHandlerBlocks([...node.block, ...node.rescue, ...node.always], true);
    const message = 'Using a block as a handler is not supported.';
    return [{ code: 'invalid-handler', severity: 'error', message, ansible: message, ...node.location }];
  });
}
