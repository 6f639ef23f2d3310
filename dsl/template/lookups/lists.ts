import { randomInt } from 'node:crypto';
import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { subelements } from '../filters-sets.js';
import { isDict } from '../python-values.js';
import { LookupFailure, type LookupPlugin } from './context.js';

/** Ansible's `_flatten`: lists among the terms are spliced in, one level only. */
function flattenOnce(terms: unknown[]): unknown[] {
  return terms.flatMap((term) => (Array.isArray(term) ? term : [term]));
}

function lists(plugin: string, terms: unknown[]): unknown[][] {
  return terms.map((term) => {
    if (!Array.isArray(term)) throw new LookupFailure(`${plugin} expects lists, got ${JSON.stringify(term)}`);
    return term;
  });
}

/** `items` flattens one level (so `with_items: [[1, 2], 3]` loops over 1, 2, 3). */
export const items: LookupPlugin = (terms) => flattenOnce(terms);

/** `list` returns the terms as they are. */
export const list: LookupPlugin = (terms) => terms;

/** `dict`: `{key, value}` for every entry of every mapping given. */
export const dict: LookupPlugin = (terms) =>
  terms.flatMap((term) => {
    if (!isDict(term)) throw new LookupFailure(`with_dict expects a dict, got ${JSON.stringify(term)}`);
    return Object.entries(term).map(([key, value]) => ({ key, value }));
  });

/** `together`: Python's `zip_longest` of the lists, missing places `None` (each tuple flattened once). */
export const together: LookupPlugin = (terms) => {
  const all = lists('together', terms);
  if (all.length === 0) throw new LookupFailure('with_together requires at least one element in each list');
  const length = Math.max(...all.map((l) => l.length));
  return Array.from({ length }, (_, i) => flattenOnce(all.map((l) => (i < l.length ? l[i] : null))));
};

/** `nested`: every combination of the lists, in order (each flattened once, as Ansible does). */
export const nested: LookupPlugin = (terms) => {
  const all = lists('nested', terms);
  if (all.length === 0)
    throw new LookupFailure('with_nested requires at least one element in the nested list');
  return all
    .reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]])
    .map(flattenOnce);
};

/** `subelements`: `[item, sub]` for each element of the list at a (dotted) key of each item. */
export const subelementsLookup: LookupPlugin = (terms, kwargs) => {
  if (terms.length < 2 || terms.length > 3)
    throw new LookupFailure('subelements lookup expects a list of two or three items');
  const flags = isDict(terms[2]) ? terms[2] : {};
  for (const key of Object.keys(flags))
    if (key !== 'skip_missing')
      throw new LookupFailure(`the only valid flag is 'skip_missing', got '${key}'`);
  const skip = isTemplateTrue(kwargs.skip_missing ?? flags.skip_missing ?? false);
  if (typeof terms[1] !== 'string')
    throw new LookupFailure(
      `the second item of subelements must be a string (a key), got ${JSON.stringify(terms[1])}`,
    );
  return subelements(terms[0], terms[1], skip);
};

/** `indexed_items`: `[index, item]` pairs of the flattened terms. */
export const indexedItems: LookupPlugin = (terms) => flattenOnce(terms).map((item, index) => [index, item]);

/** `random_choice`: one of the terms, picked at random. */
export const randomChoice: LookupPlugin = (terms) =>
  terms.length ? [terms[randomInt(terms.length)]] : terms;
