import { fileModules } from './catalog-files.js';
import { systemModules } from './catalog-system.js';
import type { ModuleDefinition } from './contract/define-module.js';

/**
 * Every built-in task module, by canonical name. The DSL validates arguments against `args`, the TypeScript
 * DSL derives builder types from it, and the runner ships `file` (the module's source path) to contexts.
 */
export interface CatalogEntry {
  definition: ModuleDefinition;
  /** Path of the module's source file relative to the package root (what the module responder bundles). */
  file: string;
}

/** The catalogue: canonical name → entry (aliases are resolved by `findModule`). */
export const moduleCatalog: ReadonlyMap<string, CatalogEntry> = new Map(
  [...fileModules, ...systemModules].map((entry) => [entry.definition.name, entry]),
);

const aliasIndex = new Map<string, string>();
for (const [name, entry] of moduleCatalog) {
  for (const alias of entry.definition.aliases ?? []) aliasIndex.set(alias, name);
}

/** Finds a module by any accepted spelling: `file`, `ansible.builtin.file`, `ansible.legacy.file`, `spindle.file`. */
export function findModule(written: string): CatalogEntry | undefined {
  const short = written.replace(/^(ansible\.builtin|ansible\.legacy|spindle)\./, '');
  return moduleCatalog.get(short) ?? moduleCatalog.get(aliasIndex.get(short) ?? '');
}
