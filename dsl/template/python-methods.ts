import { dictHas, isDict, pyEquals, typeName } from './python-values.js';

/**
 * The Python methods of str, list and dict that playbooks call in templates (`name.startswith('web')`,
 * `d.items()`), with Python's semantics. They are looked up by the patched nunjucks member lookup
 * (./python-runtime.ts), never added to JavaScript's prototypes.
 */

type Method = (self: never, ...args: unknown[]) => unknown;

/** Python's `str.split`: no separator splits on whitespace runs, ignoring the ends; `maxsplit` limits. */
function split(self: string, sep?: unknown, maxsplit: unknown = -1): string[] {
  const limit = Number(maxsplit);
  if (sep === undefined || sep === null) {
    const words: string[] = [];
    let rest = self.replace(/^\s+/, '');
    while (rest !== '') {
      if (limit >= 0 && words.length === limit) {
        words.push(rest.replace(/\s+$/, ''));
        break;
      }
      const match = /\s+/.exec(rest);
      words.push(match ? rest.slice(0, match.index) : rest);
      rest = match ? rest.slice(match.index + match[0].length) : '';
    }
    return words;
  }
  const separator = text(sep, 'split');
  if (separator === '') throw new Error('split(): empty separator');
  const parts = self.split(separator);
  return limit < 0 || parts.length <= limit + 1
    ? parts
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

/** Python's `str.rsplit`: like `split`, with `maxsplit` counted from the right. */
function rsplit(self: string, sep?: unknown, maxsplit: unknown = -1): string[] {
  const limit = Number(maxsplit);
  if (limit < 0) return split(self, sep);
  const reversed = (s: string) => [...s].reverse().join('');
  const parts = split(
    reversed(self),
    sep === undefined || sep === null ? sep : reversed(text(sep, 'rsplit')),
    limit,
  );
  return parts.map(reversed).reverse();
}

function text(value: unknown, method: string): string {
  if (typeof value !== 'string')
    throw new TypeError(`${method}() expects a string argument, got ${typeName(value)}`);
  return value;
}

function stripper(side: 'both' | 'left' | 'right'): Method {
  return ((self: string, chars?: unknown) => {
    const set = chars === undefined || chars === null ? undefined : new Set(text(chars, 'strip'));
    const drop = (c: string) => (set ? set.has(c) : /\s/.test(c));
    const list = [...self];
    let start = 0;
    let end = list.length;
    if (side !== 'right') while (start < end && drop(list[start])) start++;
    if (side !== 'left') while (end > start && drop(list[end - 1])) end--;
    return list.slice(start, end).join('');
  }) as Method;
}

/** Python's `str.startswith`/`endswith`: the prefix may be a tuple (list) of prefixes; optional start/end. */
function affix(test: (s: string, a: string) => boolean): Method {
  return ((self: string, what: unknown, start?: number, end?: number) => {
    const part = self.slice(start ?? 0, end ?? self.length);
    const options = Array.isArray(what) ? what : [what];
    return options.some((option) => test(part, text(option, 'startswith/endswith')));
  }) as Method;
}

/** Python's `str.format` for `{}`, `{0}`, `{name}` fields, `{{`/`}}` escapes and `:.2f`/`:>8` style specs. */
function format(self: string, ...args: unknown[]): string {
  const last = args.at(-1) as Record<string, unknown> | undefined;
  const named = isDict(last) && last.__keywords ? (args.pop() as Record<string, unknown>) : {};
  let auto = 0;
  return self.replace(/\{\{|\}\}|\{([^{}:!]*)(?::([^{}]*))?\}/g, (all, field?: string, spec?: string) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const key = field ?? '';
    const value = key === '' ? args[auto++] : /^\d+$/.test(key) ? args[Number(key)] : named[key];
    if (value === undefined) throw new Error(`format(): no value for field {${key}}`);
    return applySpec(value, spec ?? '');
  });
}

function applySpec(value: unknown, spec: string): string {
  const m = /^(?:(.)?([<>^]))?(\d+)?(?:\.(\d+))?([dfs%])?$/.exec(spec);
  if (!m) throw new Error(`format(): unsupported format spec ":${spec}"`);
  const [, fill = ' ', align, width, precision, type] = m;
  let out =
    type === 'f' || (precision !== undefined && typeof value === 'number')
      ? Number(value).toFixed(Number(precision ?? 6))
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (typeof value === 'string' && precision !== undefined && type !== 'f')
    out = out.slice(0, Number(precision));
  const pad = Math.max(0, Number(width ?? 0) - out.length);
  const side = align ?? (typeof value === 'number' ? '>' : '<');
  if (side === '<') return out + fill.repeat(pad);
  if (side === '>') return fill.repeat(pad) + out;
  return fill.repeat(Math.floor(pad / 2)) + out + fill.repeat(Math.ceil(pad / 2));
}

const STRING_METHODS: Record<string, Method> = {
  startswith: affix((s, a) => s.startsWith(a)),
  endswith: affix((s, a) => s.endsWith(a)),
  strip: stripper('both'),
  lstrip: stripper('left'),
  rstrip: stripper('right'),
  lower: ((self: string) => self.toLowerCase()) as Method,
  upper: ((self: string) => self.toUpperCase()) as Method,
  split: split as Method,
  rsplit: rsplit as Method,
  replace: ((self: string, old: unknown, by: unknown, count: unknown = -1) => {
    const parts = self.split(text(old, 'replace'));
    const n = Number(count) < 0 ? parts.length : Number(count) + 1;
    return [parts.slice(0, n).join(text(by, 'replace')), ...parts.slice(n)].join(old as string);
  }) as Method,
  join: ((self: string, items: unknown) => {
    const list = Array.isArray(items) ? items : isDict(items) ? Object.keys(items) : [...text(items, 'join')];
    list.forEach((item, i) => {
      if (typeof item !== 'string')
        throw new TypeError(`join(): sequence item ${i}: expected a string, got ${typeName(item)}`);
    });
    return list.join(self);
  }) as Method,
  format: format as Method,
  title: ((self: string) =>
    self.replace(/\p{L}+/gu, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase())) as Method,
  capitalize: ((self: string) => self.charAt(0).toUpperCase() + self.slice(1).toLowerCase()) as Method,
  count: ((self: string, sub: unknown) => {
    const needle = text(sub, 'count');
    return needle === '' ? [...self].length + 1 : self.split(needle).length - 1;
  }) as Method,
  find: ((self: string, sub: unknown) => self.indexOf(text(sub, 'find'))) as Method,
  splitlines: ((self: string) =>
    self === '' ? [] : self.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/)) as Method,
  isdigit: ((self: string) => /^\d+$/.test(self)) as Method,
};

const LIST_METHODS: Record<string, Method> = {
  index: ((self: unknown[], value: unknown) => {
    const i = self.findIndex((item) => pyEquals(item, value));
    if (i < 0) throw new Error(`index(): ${JSON.stringify(value)} is not in the list`);
    return i;
  }) as Method,
  count: ((self: unknown[], value: unknown) => self.filter((item) => pyEquals(item, value)).length) as Method,
};

const DICT_METHODS: Record<string, Method> = {
  get: ((self: Record<string, unknown>, key: unknown, fallback: unknown = null) =>
    dictHas(self, String(key)) ? self[String(key)] : fallback) as Method,
  keys: ((self: Record<string, unknown>) => Object.keys(self)) as Method,
  values: ((self: Record<string, unknown>) => Object.values(self)) as Method,
  items: ((self: Record<string, unknown>) => Object.entries(self)) as Method,
};

/** The Python methods templates may call on a value of this kind. */
export function methodTable(value: unknown): { kind: string; methods: Record<string, Method> } | undefined {
  if (typeof value === 'string') return { kind: 'string', methods: STRING_METHODS };
  if (Array.isArray(value)) return { kind: 'list', methods: LIST_METHODS };
  if (isDict(value)) return { kind: 'dict', methods: DICT_METHODS };
  return undefined;
}

/** The Python method `name` bound to `value`, if `value` is a str, list or dict that has it. */
export function pythonMethod(value: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  const method = methodTable(value)?.methods;
  if (!method || !Object.hasOwn(method, name)) return undefined;
  return (...args: unknown[]) => method[name](value as never, ...args);
}
