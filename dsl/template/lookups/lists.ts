import { randomInt } from 'node:crypto';
import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { pyRepr } from '../python-repr.js';
import { isDict } from '../python-values.js';
import { LookupFailure, type LookupPlugin, listify } from './context.js';

/** Ansible's `_flatten`: lists among the terms are spliced in, one level only. */
function flattenOnce(terms: unknown[]): unknown[] {
  return terms.flatMap((term) => (Array.isArray(term) ? term : [term]));
}

/** Ansible's `listify_lookup_plugin_terms` of each term: a list as it is, a mapping its keys, else `[term]`. */
function lists(terms: unknown[]): unknown[][] {
  return terms.map((term) => {
    if (Array.isArray(term)) return term;
    if (isDict(term)) return Object.keys(term);
    return [term];
  });
}

/** `items` flattens one level (so `with_items: [[1, 2], 3]` loops over 1, 2, 3). */
export const items: LookupPlugin = (terms) => flattenOnce(terms);

/** `list` returns the terms as they are. */
export const list: LookupPlugin = (terms) => terms;

/** `dict`: `{key, value}` for every entry of every mapping given. */
export const dict: LookupPlugin = (terms) =>
  terms.flatMap((term) => {
    if (!isDict(term)) throw new LookupFailure('with_dict expects a dict');
    return Object.entries(term).map(([key, value]) => ({ key, value }));
  });

/** `together`: Python's `zip_longest` of the lists, missing places `None` (each tuple flattened once). */
export const together: LookupPlugin = (terms) => {
  const all = lists(terms);
  if (all.length === 0) throw new LookupFailure('with_together requires at least one element in each list');
  const length = Math.max(...all.map((l) => l.length));
  return Array.from({ length }, (_, i) => flattenOnce(all.map((l) => (i < l.length ? l[i] : null))));
};

/** `nested`: every combination of the lists, in order (each flattened once, as Ansible does). */
export const nested: LookupPlugin = (terms) => {
  const all = lists(terms);
  if (all.length === 0)
    throw new LookupFailure('with_nested requires at least one element in the nested list');
  return all
    .reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]])
    .map(flattenOnce);
};

function termsError(detail = ''): LookupFailure {
  return new LookupFailure(`subelements lookup expects a list of two or three items, ${detail}`);
}

/** Python's `str()` of an item in subelements' messages (dicts and lists as their repr). */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/**
 * `subelements`: `[item, sub]` for each element of the list at a (dotted) key of each item of a list (or of a
 * dict's values); items marked `skipped` are left out. Like Ansible, the list is taken out of the item
 * (`item.0` no longer holds it), and `skip_missing` only passes over missing keys.
 */
export const subelementsLookup: LookupPlugin = (terms) => {
  if (terms.length < 2 || terms.length > 3) throw termsError();
  const first = Array.isArray(terms[0]) || isDict(terms[0]) ? terms[0] : [terms[0]];
  if (typeof terms[1] !== 'string')
    throw termsError('first a dict or a list, second a string pointing to the subkey');
  const keys = terms[1].split('.');
  let elements: unknown[];
  if (isDict(first)) {
    if (first.skipped !== undefined && first.skipped !== false) return [];
    elements = Object.values(first);
  } else elements = first;
  const flags = terms.length === 3 ? terms[2] : {};
  const flagKeys = isDict(flags)
    ? Object.keys(flags)
    : typeof flags === 'string'
      ? [...flags]
      : listify(flags);
  if (!isDict(flags) && !flagKeys.every((k) => k === 'skip_missing'))
    throw termsError("the optional third item must be a dict with flags ('skip_missing',)");
  const skipMissing = isDict(flags) && isTemplateTrue(flags.skip_missing ?? false);
  const out: unknown[] = [];
  for (const original of elements) {
    if (!isDict(original))
      throw new LookupFailure(`subelements lookup expects a dictionary, got '${shown(original)}'`);
    if (original.skipped !== undefined && original.skipped !== false) continue;
    const item = structuredClone(original);
    let value: Record<string, unknown> = item;
    let sublist: unknown[] = [];
    for (const [index, key] of keys.entries()) {
      const last = index === keys.length - 1;
      if (!(key in value)) {
        if (skipMissing) continue;
        throw new LookupFailure(`could not find '${key}' key in iterated item '${shown(value)}'`);
      }
      const next = value[key];
      if (!last) {
        if (isDict(next)) value = next;
        else if (!skipMissing)
          throw new LookupFailure(`the key ${key} should point to a dictionary, got '${shown(next)}'`);
      } else if (!Array.isArray(next))
        throw new LookupFailure(`the key ${key} should point to a list, got '${shown(next)}'`);
      else {
        sublist = next;
        delete value[key];
      }
    }
    for (const sub of sublist) out.push([item, sub]);
  }
  return out;
};

/** `indexed_items`: `[index, item]` pairs of the flattened terms (a mapping is refused by the loop's listify). */
export const indexedItems: LookupPlugin = (terms) => flattenOnce(terms).map((item, index) => [index, item]);

/** `random_choice`: one of the terms, picked at random. */
export const randomChoice: LookupPlugin = (terms) =>
  terms.length ? [terms[randomInt(terms.length)]] : terms;
