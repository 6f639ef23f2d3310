import { withKeywords } from './filter-keywords.js';
import { pyStr } from './python-repr.js';
import { isDict, pyCompare } from './python-values.js';

/**
 * Jinja2 3.1's built-in filters where nunjucks' namesakes differ: `groupby` (a sorted list of
 * `(grouper, items)` pairs, not an object), `list` and `join` of a dict (its keys), `items`, `attr`.
 */

/** Jinja2's attribute lookup for filters: dotted names, integer parts index lists. */
function attributeOf(item: unknown, path: unknown): unknown {
  if (typeof path === 'number') return Array.isArray(item) ? item[path] : undefined;
  return String(path)
    .split('.')
    .reduce<unknown>((v, k) => {
      if (Array.isArray(v) && /^\d+$/.test(k)) return v[Number(k)];
      return isDict(v) ? v[k] : undefined;
    }, item);
}

/** Python's `sorted` order of two keys (numbers and booleans by value, strings by code point). */
function order(a: unknown, b: unknown): number {
  if (pyCompare(a, '<', b)) return -1;
  return pyCompare(b, '<', a) ? 1 : 0;
}

/** `groupby(attribute, default=None, case_sensitive=False)`: items grouped by the attribute, sorted by it. */
function groupby(
  value: unknown,
  attribute: unknown,
  fallback: unknown = null,
  caseSensitive = false,
): unknown[][] {
  const items = Array.isArray(value) ? value : isDict(value) ? Object.keys(value) : [];
  const keyOf = (item: unknown) => {
    const k = attributeOf(item, attribute);
    const v = k === undefined ? fallback : k;
    return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
  };
  const sorted = items
    .map((item, index) => ({ item, index, key: keyOf(item) }))
    .sort((x, y) => order(x.key, y.key) || x.index - y.index);
  const groups: unknown[][] = [];
  let current: { key: unknown; list: unknown[] } | undefined;
  for (const { item, key } of sorted) {
    if (!current || order(current.key, key) !== 0) {
      current = { key, list: [] };
      const shown = attributeOf(item, attribute);
      groups.push([caseSensitive ? key : shown === undefined ? fallback : shown, current.list]);
    }
    current.list.push(item);
  }
  return groups;
}

function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'string') return Array.from(value);
  if (isDict(value)) return Object.keys(value);
  if (value === null || value === undefined) throw new TypeError("'NoneType' object is not iterable");
  throw new TypeError(`'${typeof value}' object is not iterable`);
}

/** The Jinja2 filters nunjucks defines differently, by name. */
export const jinjaFilters: Record<string, (...args: never[]) => unknown> = {
  groupby: withKeywords(['attribute', 'default', 'case_sensitive'], groupby),
  list: toList,
  items: (v: unknown) => (isDict(v) ? Object.entries(v) : []),
  attr: (v: unknown, name: unknown) => (isDict(v) ? v[String(name)] : undefined),
  join: withKeywords(['d', 'attribute'], (v: unknown, separator: unknown = '', attribute: unknown = null) =>
    toList(v)
      .map((item) => pyStr(attribute === null ? item : attributeOf(item, attribute)))
      .join(pyStr(separator)),
  ),
};
