import { FilterError } from './filter-error.js';
import { withKeywords } from './filter-keywords.js';
import { isDict, pyClassName, pyCompare } from './python-values.js';

/**
 * Number filters of Jinja2 (`int`, `float`, `min`, `max`) and Ansible (plugins/filter/mathstuff.py: `log`,
 * `pow`, `root`, `rekey_on_member`, `permutations`, `combinations`), with Python's parsing and error messages.
 */

/** Python's `float(text)`: decimal or exponent notation, `_` between digits, `nan`/`inf`; undefined otherwise. */
export function pyFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const special = /^([+-]?)(nan|inf|infinity)$/i.exec(text);
  if (special)
    return special[2].toLowerCase() === 'nan' ? Number.NaN : (special[1] === '-' ? -1 : 1) * Infinity;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(text)) return undefined;
  return Number(text.replace(/_/g, ''));
}

/** Python's `int(text, base)`: optional sign, `_` between digits, a `0x`/`0o`/`0b` prefix matching the base. */
function pyIntText(text: string, base: number): number | undefined {
  const m = /^([+-]?)(0[xob])?([0-9a-z](_?[0-9a-z])*)$/i.exec(text.trim());
  if (!m) return undefined;
  const prefix = m[2]?.toLowerCase();
  if (prefix && { '0x': 16, '0o': 8, '0b': 2 }[prefix] !== base) return undefined;
  const digits = m[3].replace(/_/g, '').toLowerCase();
  const valid = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  if (![...digits].every((d) => valid.includes(d))) return undefined;
  const n = Number.parseInt(digits, base);
  return m[1] === '-' ? -n : n;
}

/** Jinja2's `int(default=0, base=10)`: text as an integer (or a float's integer part), else the default. */
function toInt(value: unknown, fallback: unknown = 0, base: unknown = 10): unknown {
  if (typeof value === 'string') {
    const n = pyIntText(value, Number(base));
    if (n !== undefined) return n;
  } else if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  else if (typeof value === 'boolean') return Number(value);
  const f = pyFloat(value);
  return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : fallback;
}

function numeric(value: unknown, filter: string): number {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  throw new FilterError(
    `${filter}() can only be used on numbers: must be real number, not ${pyClassName(value)}`,
  );
}

function logarithm(x: unknown, base: unknown = Math.E): number {
  const n = numeric(x, 'log');
  const b = numeric(base, 'log');
  if (n <= 0 || b <= 0 || b === 1)
    throw new FilterError('log() can only be used on numbers: math domain error');
  return b === 10 ? Math.log10(n) : Math.log(n) / Math.log(b);
}

function root(x: unknown, base: unknown = 2): number {
  const n = numeric(x, 'root');
  const b = numeric(base, 'root');
  if (n < 0) throw new FilterError('root() can only be used on numbers: math domain error');
  return b === 2 ? Math.sqrt(n) : n ** (1 / b);
}

/** Jinja2's `min`/`max(case_sensitive=False, attribute=None)`. */
function extreme(op: '<' | '>') {
  return (value: unknown, caseSensitive = false, attribute: unknown = null): unknown => {
    const items = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? Array.from(value)
        : isDict(value)
          ? Object.keys(value)
          : [];
    const key = (item: unknown) => {
      const k =
        attribute === null || attribute === undefined
          ? item
          : isDict(item)
            ? item[String(attribute)]
            : undefined;
      return !caseSensitive && typeof k === 'string' ? k.toLowerCase() : k;
    };
    if (items.length === 0) return undefined;
    return items.reduce((best, item) => (pyCompare(key(item), op, key(best)) ? item : best));
  };
}

function rekeyOnMember(data: unknown, key: unknown, duplicates: unknown = 'error'): Record<string, unknown> {
  if (duplicates !== 'error' && duplicates !== 'overwrite')
    throw new FilterError(`duplicates parameter to rekey_on_member has unknown value: ${duplicates}`);
  const items = isDict(data) ? Object.values(data) : Array.isArray(data) ? data : undefined;
  if (!items) throw new FilterError('Type is not a valid list, set, or dict');
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (!isDict(item)) throw new FilterError('List item is not a valid dict');
    if (!Object.hasOwn(item, String(key))) throw new FilterError(`Key ${key} was not found`);
    const value = String(item[String(key)]);
    if (out[value] && duplicates === 'error')
      throw new FilterError(`Key ${value} is not unique, cannot correctly turn into dict`);
    out[value] = item;
  }
  return out;
}

/** `itertools.permutations(items, r)`. */
function permutations(value: unknown, r: unknown = null): unknown[][] {
  const items = Array.isArray(value) ? value : Array.from(String(value));
  const size = r === null || r === undefined ? items.length : Number(r);
  const out: unknown[][] = [];
  const walk = (prefix: unknown[], used: boolean[]) => {
    if (prefix.length === size) return void out.push(prefix);
    items.forEach((item, i) => {
      if (used[i]) return;
      used[i] = true;
      walk([...prefix, item], used);
      used[i] = false;
    });
  };
  if (size <= items.length) walk([], []);
  return out;
}

/** `itertools.combinations(items, r)`. */
function combinations(value: unknown, r: unknown): unknown[][] {
  const items = Array.isArray(value) ? value : Array.from(String(value));
  const out: unknown[][] = [];
  const walk = (start: number, prefix: unknown[]) => {
    if (prefix.length === Number(r)) return void out.push(prefix);
    for (let i = start; i < items.length; i++) walk(i + 1, [...prefix, items[i]]);
  };
  walk(0, []);
  return out;
}

/** The number filters, by name. */
export const mathFilters: Record<string, (...args: never[]) => unknown> = {
  int: withKeywords(['default', 'base'], toInt),
  float: withKeywords(['default'], (v: unknown, fallback: unknown = 0) => pyFloat(v) ?? fallback),
  log: withKeywords(['base'], logarithm),
  pow: (x: unknown, y: unknown) => numeric(x, 'pow') ** numeric(y, 'pow'),
  root: withKeywords(['base'], root),
  min: withKeywords(['case_sensitive', 'attribute'], extreme('<')),
  max: withKeywords(['case_sensitive', 'attribute'], extreme('>')),
  rekey_on_member: withKeywords(['key', 'duplicates'], rekeyOnMember),
  permutations,
  combinations,
  abs: (v: unknown) => Math.abs(numeric(v, 'abs')),
};
