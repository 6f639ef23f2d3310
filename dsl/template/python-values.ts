import { isVaulted } from '../vault/vaulted.js';

/**
 * Python's value semantics for template expressions: Jinja2 compares lists and dicts by value, where JavaScript
 * compares references (`[1] == [1]` is false in JS), and never equates a string with a number.
 */

/** A mapping as templates see it: any object that is not a list, byte string, date or function. */
export function isDict(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Date) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}

/** Whether a dict has `key` (own or inherited data, also through proxies such as `hostvars`, not `toString`…). */
export function dictHas(dict: object, key: string): boolean {
  return Object.hasOwn(dict, key) || (!(key in Object.prototype) && key in dict);
}

/** Python's `==`: numbers and booleans by numeric value, strings exactly, lists and dicts deeply; None only equals None. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const none = (v: unknown) => v === null || v === undefined;
  if (none(a) || none(b)) return none(a) && none(b);
  const numeric = (v: unknown) => typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => pyEquals(item, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key], b[key]));
  }
  return false;
}

/** A Python TypeError met while rendering, in Python's words (Ansible reports it as a templating type error). */
export class PythonTypeError extends Error {
  static override readonly name = 'PythonTypeError';
  override name = PythonTypeError.name;
}

/** Python's `in`: by value in a list, a key of a dict, a substring of a string. */
export function pyIn(needle: unknown, haystack: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => pyEquals(needle, item));
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string')
      throw new PythonTypeError(`'in <string>' requires string as left operand, not ${pyClassName(needle)}`);
    return haystack.includes(needle);
  }
  if (isDict(haystack))
    return (typeof needle === 'string' || typeof needle === 'number') && dictHas(haystack, String(needle));
  throw new PythonTypeError(`argument of type '${pyClassName(haystack)}' is not iterable`);
}

/** The Python-ish name of a value's type, for error messages. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an int' : 'a float';
  if (typeof value === 'boolean') return 'a bool';
  if (Array.isArray(value)) return 'a list';
  if (isDict(value)) return 'a dict';
  return typeof value;
}

/** Compares a chain like Python (`a < b < c` is `a < b and b < c`), with `==`/`!=` by value. */
export function pyCompare(first: unknown, ...rest: unknown[]): boolean {
  let left = first;
  for (let i = 0; i < rest.length; i += 2) {
    const op = rest[i] as string;
    const right = rest[i + 1];
    if (!compareOnce(left, op, right)) return false;
    left = right;
  }
  return true;
}

function compareOnce(a: unknown, op: string, b: unknown): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: ordering keeps nunjucks' JavaScript semantics for mixed types
  const x = a as any;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const y = b as any;
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new Error(`unknown comparison operator ${op}`);
  }
}

/** Python's class name of a value (`type_debug`, error messages). */
export function pyClassName(value: unknown): string {
  if (value === null || value === undefined) return value === null ? 'NoneType' : 'AnsibleUndefined';
  if (isVaulted(value)) return 'AnsibleVaultEncryptedUnicode';
  if (typeof value === 'string' || value instanceof String) return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'datetime';
  if (value instanceof Uint8Array) return 'bytes';
  return 'dict';
}
