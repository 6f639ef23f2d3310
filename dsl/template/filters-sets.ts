import { FilterError } from './filter-error.js';
import { withKeywords } from './filter-keywords.js';
import { pyRepr } from './python-repr.js';
import { isDict, pyClassName, pyEquals, typeName } from './python-values.js';

/**
 * Ansible's list and set filters (plugins/filter/mathstuff.py, core.py) with Python's value semantics: lists
 * of dicts or lists compare by value, as they do in Ansible, where JavaScript would compare references. Results
 * keep the order items were first seen (Ansible returns set order for plain strings and numbers).
 */

function asList(value: unknown, filter: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isDict(value)) return Object.keys(value);
  throw new TypeError(`${filter}: expected a list, got ${typeName(value)}`);
}

const has = (list: unknown[], item: unknown) => list.some((x) => pyEquals(x, item));

/** Keeps the first of equal items; `key` maps an item to what is compared. */
function dedupe(items: unknown[], key: (item: unknown) => unknown = (x) => x): unknown[] {
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const item of items) {
    const k = key(item);
    if (has(seen, k)) continue;
    seen.push(k);
    out.push(item);
  }
  return out;
}

function attributeOf(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (isDict(v) ? v[k] : Array.isArray(v) ? v[Number(k)] : undefined), item);
}

/** `unique`: Jinja2's, case-insensitive unless `case_sensitive=true`, optionally by `attribute`. */
function unique(
  value: unknown,
  caseSensitive: boolean | null = null,
  attribute: string | null = null,
): unknown[] {
  if (!Array.isArray(value) && typeof value !== 'string' && !isDict(value))
    throw new TypeError(`'${pyClassName(value)}' object is not iterable`);
  const items = asList(value, 'unique');
  const key = (item: unknown) => (attribute ? attributeOf(item, attribute) : item);
  // Jinja2's filter hashes the items; Ansible falls back to comparing by value, case-sensitively.
  if (items.some((item) => typeof key(item) === 'object' && key(item) !== null)) {
    if (caseSensitive === false || attribute)
      throw new FilterError(
        "Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied",
      );
    return dedupe(items);
  }
  return dedupe(items, (item) => {
    const k = key(item);
    return !caseSensitive && typeof k === 'string' ? k.toLowerCase() : k;
  });
}

function product(...lists: unknown[]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((prefix) => asList(list, 'product').map((item) => [...prefix, item])),
    [[]],
  );
}

/** `subelements`: `[item, sub]` pairs for every element of the list at `path` (dotted) in each item (also the lookup). */
export function subelements(value: unknown, path: unknown, skipMissing = false): unknown[][] {
  const items = Array.isArray(value) ? value : isDict(value) ? Object.values(value) : undefined;
  if (!items) throw new FilterError('obj must be a list of dicts or a nested dict');
  const keys = Array.isArray(path)
    ? path.map(String)
    : typeof path === 'string'
      ? path.split('.')
      : undefined;
  if (!keys) throw new FilterError('subelements must be a list or a string');
  const out: unknown[][] = [];
  for (const item of items) {
    let values: unknown = item;
    for (const key of keys) {
      if (!isDict(values))
        throw new FilterError(`the key ${key} should point to a dictionary, got '${pyRepr(values)}'`);
      if (!Object.hasOwn(values, key)) {
        if (skipMissing) {
          values = [];
          break;
        }
        throw new FilterError(`could not find ${pyRepr(key)} key in iterated item ${pyRepr(values)}`);
      }
      values = values[key];
    }
    if (!Array.isArray(values))
      throw new FilterError(
        `the key ${pyRepr(keys[keys.length - 1])} should point to a list, got ${pyRepr(values)}`,
      );
    for (const sub of values) out.push([item, sub]);
  }
  return out;
}

function dict2items(value: unknown, keyName = 'key', valueName = 'value'): unknown[] {
  if (!isDict(value))
    throw new FilterError(`dict2items requires a dictionary, got <class '${pyClassName(value)}'> instead.`);
  return Object.entries(value).map(([key, item]) => ({ [keyName]: key, [valueName]: item }));
}

function items2dict(value: unknown, keyName = 'key', valueName = 'value'): Record<string, unknown> {
  if (!Array.isArray(value))
    throw new FilterError(`items2dict requires a list, got <class '${pyClassName(value)}'> instead.`);
  const out: Record<string, unknown> = {};
  for (const item of value) {
    if (!isDict(item))
      throw new FilterError(`items2dict requires a list of dictionaries, got ${pyRepr(value)} instead.`);
    if (!(keyName in item) || !(valueName in item))
      throw new FilterError(
        `items2dict requires each dictionary in the list to contain the keys '${keyName}' and '${valueName}', got ${pyRepr(value)} instead.`,
      );
    out[String(item[keyName])] = item[valueName];
  }
  return out;
}

/** The list and set filters, by name. */
export const setFilters: Record<string, (...args: never[]) => unknown> = {
  unique: withKeywords(
    ['case_sensitive', 'attribute'],
    (v: unknown, caseSensitive?: boolean | null, attribute?: string | null) =>
      unique(v, caseSensitive, attribute),
  ),
  intersect: (a: unknown, b: unknown) => {
    const other = asList(b, 'intersect');
    return dedupe(asList(a, 'intersect').filter((x) => has(other, x)));
  },
  difference: (a: unknown, b: unknown) => {
    const other = asList(b, 'difference');
    return dedupe(asList(a, 'difference').filter((x) => !has(other, x)));
  },
  union: (a: unknown, b: unknown) => dedupe([...asList(a, 'union'), ...asList(b, 'union')]),
  symmetric_difference: (a: unknown, b: unknown) => {
    const left = asList(a, 'symmetric_difference');
    const right = asList(b, 'symmetric_difference');
    return dedupe([...left.filter((x) => !has(right, x)), ...right.filter((x) => !has(left, x))]);
  },
  product: (...lists: unknown[]) => product(...lists),
  zip: (a: unknown, ...others: unknown[]) => {
    const lists = [asList(a, 'zip'), ...others.map((o) => asList(o, 'zip'))];
    const length = Math.min(...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => lists.map((l) => l[i]));
  },
  zip_longest: (a: unknown, ...others: unknown[]) => {
    const lists = [asList(a, 'zip_longest'), ...others.map((o) => asList(o, 'zip_longest'))];
    const length = Math.max(...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
  },
  subelements: withKeywords(['subelements', 'skip_missing'], (v: unknown, path: unknown, skip?: boolean) =>
    subelements(v, path, skip),
  ),
  dict2items: withKeywords(['key_name', 'value_name'], (v: unknown, keyName?: string, valueName?: string) =>
    dict2items(v, keyName, valueName),
  ),
  items2dict: withKeywords(['key_name', 'value_name'], (v: unknown, keyName?: string, valueName?: string) =>
    items2dict(v, keyName, valueName),
  ),
};
