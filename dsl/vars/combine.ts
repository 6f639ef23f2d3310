/**
 * Ansible's `hash_behaviour`: `replace` (the default) lets a higher layer's variable replace a lower one's
 * whole; `merge` merges dictionaries key by key, recursively (other values, lists too, are replaced).
 */
export type HashBehaviour = 'replace' | 'merge';

function isDict(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Ansible's merge_hash: `high` over `low`, dictionaries merged recursively. */
function mergeHash(low: Record<string, unknown>, high: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...low };
  for (const [key, value] of Object.entries(high))
    out[key] = isDict(value) && isDict(out[key]) ? mergeHash(out[key], value) : value;
  return out;
}

/** Variable layers combined lowest first, as Ansible's combine_vars does under `hash_behaviour`. */
export function combineVars(behaviour: HashBehaviour | undefined, ...layers: Record<string, unknown>[]) {
  if (behaviour !== 'merge') return Object.assign({}, ...layers) as Record<string, unknown>;
  return layers.reduce<Record<string, unknown>>((acc, layer) => mergeHash(acc, layer), {});
}
