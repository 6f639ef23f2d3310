/** The lookup plugins Spindle has (compile-time checks of `with_<name>` and the JSON schema use this list). */
export const LOOKUP_NAMES = [
  'items',
  'list',
  'dict',
  'env',
  'file',
  'fileglob',
  'template',
  'vars',
  'sequence',
  'together',
  'nested',
  'subelements',
  'first_found',
  'lines',
  'pipe',
  'indexed_items',
  'random_choice',
  'password',
  'config',
  'csvfile',
  'ini',
  'inventory_hostnames',
  'unvault',
  'url',
  'varnames',
] as const;

/** A lookup name without its `ansible.builtin.` / `ansible.legacy.` prefix. */
export function bareLookupName(name: string): string {
  return name.replace(/^ansible\.(builtin|legacy)\./, '');
}

/** Whether `name` (optionally prefixed) is a lookup plugin Spindle has. */
export function isLookupName(name: string): boolean {
  return (LOOKUP_NAMES as readonly string[]).includes(bareLookupName(name));
}
