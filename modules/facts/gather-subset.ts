import { COLLECTORS, type Collector, MINIMAL_SUBSET } from './collectors.js';

/** A `gather_subset` entry that names nothing Ansible knows (`Bad subset 'x' given to Ansible…`). */
export class BadSubsetError extends Error {
  override name = 'BadSubsetError';
}

/** Every name `gather_subset` accepts: collector names and the fact names that stand for them. */
const NAMES = new Set(COLLECTORS.flatMap((c) => [c.name, ...c.factIds]));
const ALIASES = new Map(COLLECTORS.map((c) => [c.name, c.factIds]));

/**
 * Ansible's reading of `gather_subset`: start from the minimal set, add `all`/named subsets, remove `!x`
 * (`!all` keeps the minimal set, `!min` drops it too), and keep whatever was asked for by name.
 */
export function subsetNames(subset: string[]): Set<string> {
  const added = new Set<string>();
  const excluded = new Set<string>();
  const explicit = new Set<string>();
  const add = (names: Iterable<string>, to: Set<string>) => {
    for (const n of names) to.add(n);
  };
  for (const entry of ['min', ...(subset.length ? subset : ['all'])]) {
    if (entry === 'min') add(MINIMAL_SUBSET, added);
    else if (entry === 'all') add(NAMES, added);
    else if (entry === '!min') add(MINIMAL_SUBSET, excluded);
    else if (entry === '!all')
      add(
        [...NAMES].filter((n) => !MINIMAL_SUBSET.has(n)),
        excluded,
      );
    else if (entry.startsWith('!')) add([entry.slice(1), ...(ALIASES.get(entry.slice(1)) ?? [])], excluded);
    else if (NAMES.has(entry)) add([entry], explicit);
    else {
      throw new BadSubsetError(
        `Bad subset '${entry}' given to Ansible. gather_subset options allowed: all, ${[...NAMES].sort().join(', ')}`,
      );
    }
  }
  add(explicit, added);
  for (const n of excluded) if (!explicit.has(n)) added.delete(n);
  return added;
}

/** The collectors to run for `gather_subset`, with the ones they require, in Ansible's order. */
export function collectorsFor(subset: string[]): Collector[] {
  const names = subsetNames(subset);
  const chosen = new Set(
    COLLECTORS.filter((c) => names.has(c.name) || c.factIds.some((id) => names.has(id))).map((c) => c.name),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of COLLECTORS)
      for (const r of chosen.has(c.name) ? c.requires : [])
        if (!chosen.has(r)) {
          chosen.add(r);
          grew = true;
        }
  }
  return COLLECTORS.filter((c) => chosen.has(c.name));
}
