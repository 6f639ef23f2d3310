import type { Inventory } from '../../dsl/inventory/index.js';
import { unmatchedTermWarnings } from '../play/unmatched-hosts.js';

/** `--limit` leaves no host to work on: ansible-playbook's error, exit 1, so a typo'd limit fails CI. */
export class NoHostsError extends Error {
  override name = 'NoHostsError';
  readonly code = 'no-hosts';
  constructor() {
    super('Specified inventory, host pattern and/or --limit leaves us with no hosts to target.');
  }
}

/**
 * Checks `--limit` as ansible-playbook does before anything runs: a warning per term that matches nothing, and
 * NoHostsError when the inventory has hosts but the limit leaves none (an empty inventory is not an error).
 */
export function checkLimit(
  inventory: Inventory,
  limit: string | undefined,
  warn: (msg: string) => void,
): void {
  if (limit === undefined) return;
  for (const warning of unmatchedTermWarnings(inventory, limit)) warn(warning);
  if (inventory.hosts.size > 0 && inventory.selectHosts(limit).length === 0) throw new NoHostsError();
}
