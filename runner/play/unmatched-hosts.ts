import type { Inventory } from '../../dsl/inventory/index.js';

/** Splits a pattern into its terms on `,` and `:` outside `[...]` (`web[0:2]` stays one term). */
function terms(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let term = '';
  for (const ch of pattern) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ':') && depth === 0) {
      out.push(term);
      term = '';
    } else term += ch;
  }
  out.push(term);
  return out.map((t) => t.trim()).filter((t) => t !== '');
}

/** Ansible's warning for each term of a host pattern that matches nothing in the inventory. */
export function unmatchedTermWarnings(inventory: Inventory, pattern: string): string[] {
  return terms(pattern)
    .map((t) => t.replace(/^[!&]/, ''))
    .filter((t) => !t.startsWith('@') && inventory.selectHosts(t).length === 0)
    .map((t) => `Could not match supplied host pattern, ignoring: ${t}`);
}
