import { posix } from 'node:path';
import { pythonRegExp } from '../../modules/text/python-re.js';
import { FilterError } from './filter-error.js';
import { withKeywords } from './filter-keywords.js';
import { passwordHash } from './password-hash.js';
import { formatTime, parseTime, timeFields } from './python-datetime.js';
import { pyClassName } from './python-values.js';

/**
 * Ansible's text, size, URL, time and password filters (plugins/filter/core.py, mathstuff.py, urlsplit.py,
 * module_utils/common/text/formatters.py), with Python's regular expression syntax and result shapes.
 */

/** `re.findall`: whole matches without groups, the group with one, lists of groups (`''` if unmatched) with more. */
function regexFindall(value: unknown, pattern: string, multiline = false, ignorecase = false): unknown[] {
  const regexp = pythonRegExp(pattern, `g${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}`);
  return [...String(value).matchAll(regexp)].map((m) => {
    if (m.length === 1) return m[0];
    if (m.length === 2) return m[1] ?? '';
    return m.slice(1).map((g) => g ?? '');
  });
}

const URL_FIELDS = [
  'fragment',
  'hostname',
  'netloc',
  'password',
  'path',
  'port',
  'query',
  'scheme',
  'username',
];

/** Python's `urllib.parse.urlsplit` as Ansible's `urlsplit` filter returns it: all fields, or the one named. */
function urlsplit(value: unknown, query = ''): unknown {
  let rest = String(value);
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let search = '';
  const question = rest.indexOf('?');
  if (question >= 0) [rest, search] = [rest.slice(0, question), rest.slice(question + 1)];
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : null;
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  const colon = userinfo?.indexOf(':') ?? -1;
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostport);
  const host = hostMatch?.[1].replace(/^\[|\]$/g, '').toLowerCase() ?? '';
  const portText = hostMatch?.[2];
  if (portText && !/^\d+$/.test(portText))
    throw new Error(`Port could not be cast to integer value as '${portText}'`);
  const parts: Record<string, unknown> = {
    fragment,
    hostname: host || null,
    netloc,
    password: userinfo !== null && colon >= 0 ? userinfo.slice(colon + 1) : null,
    path: rest,
    port: portText ? Number(portText) : null,
    query: search,
    scheme,
    username: userinfo === null ? null : colon >= 0 ? userinfo.slice(0, colon) : userinfo,
  };
  if (!query) return parts;
  if (!URL_FIELDS.includes(query)) throw new Error(`urlsplit: unknown URL component: ${query}`);
  return parts[query];
}

const SIZE_RANGES: Array<[string, number]> = [
  ['Y', 2 ** 80],
  ['Z', 2 ** 70],
  ['E', 2 ** 60],
  ['P', 2 ** 50],
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
  ['B', 1],
];

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff !== 0.5) return Math.round(n);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `bytes_to_human`: `1.00 KB`, `10.00 Bytes`, `1.00 Mb` with `isbits`, or in a fixed `unit`. */
function humanReadable(size: unknown, isbits = false, unit: string | null = null): string {
  if (typeof size !== 'number' && typeof size !== 'boolean')
    throw new FilterError(
      `human_readable() failed on bad input: '>=' not supported between instances of '${pyClassName(size)}' and 'int'`,
    );
  const n = Number(size);
  const base = isbits ? 'bits' : 'Bytes';
  let [suffix, limit] = SIZE_RANGES[SIZE_RANGES.length - 1];
  for (const [s, l] of SIZE_RANGES) {
    if ((unit === null && n >= l) || (unit !== null && unit.toUpperCase() === s)) {
      [suffix, limit] = [s, l];
      break;
    }
  }
  return `${(n / limit).toFixed(2)} ${limit !== 1 ? suffix + base[0] : base}`;
}

/** `human_to_bytes`: `'2K'` → 2048, `'1.5 MB'`, `'1Mb'` with `isbits`; a bare number uses `default_unit`. */
function humanToBytes(value: unknown, defaultUnit: string | null = null, isbits = false): number {
  const text = String(value);
  const m = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?/.exec(text);
  const num = m && m[1] !== '' && m[1] !== '.' ? Number(m[1]) : Number.NaN;
  if (!m || Number.isNaN(num)) throw new Error(`human_to_bytes() can't interpret following string: ${text}`);
  const unit = m[2] ?? defaultUnit;
  if (!unit) return roundHalfEven(num);
  const key = unit[0].toUpperCase();
  const limit = SIZE_RANGES.find(([s]) => s === key)?.[1];
  if (limit === undefined)
    throw new Error(
      `human_to_bytes() failed to convert ${text} (unit = ${unit}). The suffix must be one of Y, Z, E, P, T, G, M, K, B`,
    );
  const [unitClass, unitName] = isbits ? ['b', 'bit'] : ['B', 'byte'];
  if (unit.length > 1 && !unit.toLowerCase().includes(unitName) && unit[1] !== unitClass)
    throw new Error(
      `human_to_bytes() failed to convert ${text}. Value is not a valid string (expect ${key}${unitClass} or ${key})`,
    );
  return roundHalfEven(num * limit);
}

/** Ansible's `strftime` filter: formats epoch `second` (default now) in local time, or UTC with `utc=true`. */
function strftime(format: unknown, second: unknown = null, utc = false): string {
  const seconds = second === null || second === undefined ? Date.now() / 1000 : Number(second);
  if (Number.isNaN(seconds)) throw new Error(`Invalid value for epoch value (${second})`);
  return formatTime(String(format), timeFields(seconds * 1000, utc));
}

/** The text filters, by name. */
export const textFilters: Record<string, (...args: never[]) => unknown> = {
  regex_findall: withKeywords(['regex', 'multiline', 'ignorecase'], regexFindall),
  splitext: (v: unknown) => {
    const text = String(v);
    const ext = posix.extname(text);
    return [text.slice(0, text.length - ext.length), ext];
  },
  urlsplit: (v: unknown, query?: string) => urlsplit(v, query),
  human_readable: withKeywords(['isbits', 'unit'], humanReadable),
  human_to_bytes: withKeywords(['default_unit', 'isbits'], humanToBytes),
  password_hash: withKeywords(['hashtype', 'salt', 'salt_size', 'rounds', 'ident'], passwordHash),
  to_datetime: (v: unknown, format = '%Y-%m-%d %H:%M:%S') => parseTime(String(v), format),
  strftime: withKeywords(['second', 'utc'], strftime),
};
