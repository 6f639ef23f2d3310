/** The collections whose modules Spindle answers by short name: `ansible.builtin.copy` is `copy`. */
export const BUILTIN_COLLECTIONS = ['ansible.builtin', 'ansible.legacy', 'spindle'] as const;

/** A module name as written in a task, split into its built-in collection (if any) and the short name. */
export interface ModuleName {
  /** `ansible.builtin`, `ansible.legacy` or `spindle` when the name was written with that prefix. */
  collection?: (typeof BUILTIN_COLLECTIONS)[number];
  /** The name without a built-in collection prefix (other collections' FQCNs are kept whole). */
  short: string;
}

/** The one FQCN parser: every place that reads a task's module (or action) name goes through it. */
export function parseModuleName(written: string): ModuleName {
  for (const collection of BUILTIN_COLLECTIONS)
    if (written.startsWith(`${collection}.`))
      return { collection, short: written.slice(collection.length + 1) };
  return { short: written };
}
