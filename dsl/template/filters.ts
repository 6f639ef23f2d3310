import { createHash } from 'node:crypto';
import { lstatSync, type Stats, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix } from 'node:path';
import type nunjucks from 'nunjucks';
import { parse as parseYaml, stringify } from 'yaml';
import { isTemplateTrue } from '../../modules/ansible-boolean.js';
import { withKeywords } from './filter-keywords.js';
import { setFilters } from './filters-sets.js';
import { textFilters } from './filters-text.js';
import { pyFormat } from './python-format.js';
import { pyStr } from './python-repr.js';
import { pyEquals } from './python-values.js';
import { versionTest } from './version-test.js';

type Env = nunjucks.Environment & {
  addTest(name: string, fn: (value: unknown, ...args: unknown[]) => boolean): void;
  getTest(name: string): (value: unknown, ...args: unknown[]) => boolean;
};

function attribute(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      item,
    );
}

function regexFlags(ignorecase?: boolean, multiline?: boolean): string {
  return `${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}`;
}

/** Python-style backreferences (`\\1`, `\\g<name>`) to JavaScript's (`$1`, `$<name>`). */
function pythonReplacement(replacement: string): string {
  return replacement
    .replace(/\$/g, '$$$$')
    .replace(/\\g<(\w+)>/g, '$$<$1>')
    .replace(/\\(\d+)/g, '$$$1');
}

/** Jinja2 tests Ansible playbooks use (`is defined`, `is match`, `is changed` …), by name. */
export const tests: Record<string, (value: unknown, ...args: unknown[]) => boolean> = {
  match: (v, pattern) => new RegExp(`^(?:${pattern})`).test(String(v)),
  search: (v, pattern) => new RegExp(String(pattern)).test(String(v)),
  regex: (v, pattern) => new RegExp(String(pattern)).test(String(v)),
  changed: (v) => Boolean((v as { changed?: boolean })?.changed),
  failed: (v) => Boolean((v as { failed?: boolean })?.failed),
  succeeded: (v) => !(v as { failed?: boolean })?.failed,
  success: (v) => !(v as { failed?: boolean })?.failed,
  skipped: (v) => Boolean((v as { skipped?: boolean })?.skipped),
  none: (v) => v === null,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' || typeof v === 'boolean',
  mapping: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  sequence: (v) => Array.isArray(v) || typeof v === 'string',
  iterable: (v) => Array.isArray(v) || typeof v === 'string' || (v !== null && typeof v === 'object'),
  truthy: (v) => isTemplateTrue(v),
  falsy: (v) => !isTemplateTrue(v),
  in: (v, seq) => (Array.isArray(seq) ? seq.some((x) => pyEquals(x, v)) : String(seq).includes(String(v))),
  contains: (seq, v) =>
    Array.isArray(seq) ? seq.some((x) => pyEquals(x, v)) : String(seq).includes(String(v)),
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  true: (v) => v === true,
  false: (v) => v === false,
  subset: (v, other) =>
    Array.isArray(v) && Array.isArray(other) && v.every((x) => other.some((y) => pyEquals(x, y))),
  superset: (v, other) =>
    Array.isArray(v) && Array.isArray(other) && other.every((x) => v.some((y) => pyEquals(x, y))),
  sameas: (v, other) => v === other || (v === undefined && other === null),
  equalto: (v, other) => pyEquals(v, other),
  eq: (v, other) => pyEquals(v, other),
  '==': (v, other) => pyEquals(v, other),
  ne: (v, other) => !pyEquals(v, other),
  '!=': (v, other) => !pyEquals(v, other),
  version: withKeywords(['version', 'operator', 'strict', 'version_type'], versionTest),
  version_compare: withKeywords(['version', 'operator', 'strict', 'version_type'], versionTest),
  successful: (v) => !(v as { failed?: boolean })?.failed,
  failure: (v) => Boolean((v as { failed?: boolean })?.failed),
  issubset: (v, other) =>
    Array.isArray(v) && Array.isArray(other) && v.every((x) => other.some((y) => pyEquals(x, y))),
  issuperset: (v, other) =>
    Array.isArray(v) && Array.isArray(other) && other.every((x) => v.some((y) => pyEquals(x, y))),
  // Path tests look at the controller's file system, as Ansible's do.
  file: (v) => pathStat(v, (s) => s.isFile()),
  directory: (v) => pathStat(v, (s) => s.isDirectory()),
  exists: (v) => pathStat(v, () => true),
  link: (v) => pathStat(v, (s) => s.isSymbolicLink(), lstatSync),
  link_exists: (v) => pathStat(v, () => true, lstatSync),
  abs: (v) => typeof v === 'string' && v.startsWith('/'),
};

function pathStat(
  value: unknown,
  check: (s: Stats) => boolean,
  stat: (path: string) => Stats = statSync,
): boolean {
  if (typeof value !== 'string') return false;
  try {
    return check(stat(value.replace(/^~(?=\/|$)/, homedir())));
  } catch {
    return false;
  }
}

/** Installs Ansible's filters (beyond nunjucks' own) on an environment. */
export function installFilters(env: Env): void {
  const filters: Record<string, (...args: never[]) => unknown> = {
    bool: (v: unknown) => isTemplateTrue(v),
    int: (v: unknown, fallback = 0) => {
      const n = Number.parseInt(String(v), 10);
      return Number.isNaN(n) ? fallback : n;
    },
    float: (v: unknown, fallback = 0) => {
      const n = Number.parseFloat(String(v));
      return Number.isNaN(n) ? fallback : n;
    },
    string: (v: unknown) => pyStr(v),
    format: (v: unknown, ...args: unknown[]) => pyFormat(String(v), ...args),
    to_json: (v: unknown) => JSON.stringify(v),
    to_nice_json: (v: unknown, indent = 4) => JSON.stringify(v, sortKeys, indent),
    from_json: (v: string) => JSON.parse(v),
    to_yaml: (v: unknown) => stringify(v),
    to_nice_yaml: (v: unknown) => stringify(v, { indent: 4 }),
    from_yaml: (v: string) => parseYaml(v),
    regex_replace: (
      v: unknown,
      pattern: string,
      replacement = '',
      ignorecase?: boolean,
      multiline?: boolean,
    ) =>
      String(v).replace(
        new RegExp(pattern, `g${regexFlags(ignorecase, multiline)}`),
        pythonReplacement(replacement),
      ),
    regex_search: (v: unknown, pattern: string) => {
      const match = new RegExp(pattern).exec(String(v));
      return match ? match[0] : null;
    },
    b64encode: (v: unknown) => Buffer.from(String(v)).toString('base64'),
    b64decode: (v: unknown) => Buffer.from(String(v), 'base64').toString('utf8'),
    combine: (...dicts: Array<Record<string, unknown>>) =>
      Object.assign({}, ...dicts.filter((d) => d && typeof d === 'object')),
    basename: (v: unknown) => posix.basename(String(v)),
    expanduser: (v: unknown) => String(v).replace(/^~(?=\/|$)/, homedir()),
    dirname: (v: unknown) => posix.dirname(String(v)),
    min: (v: number[]) => Math.min(...v),
    max: (v: number[]) => Math.max(...v),
    flatten: (v: unknown[], levels = Number.POSITIVE_INFINITY) => (v as unknown[]).flat(levels),
    ternary: (v: unknown, yes: unknown, no: unknown) => (v ? yes : no),
    mandatory: (v: unknown, msg?: string) => {
      if (v === undefined) throw new Error(msg ?? 'Mandatory variable not defined.');
      return v;
    },
    quote: (v: unknown) => `'${String(v).replace(/'/g, `'"'"'`)}'`,
    hash: (v: unknown, algorithm = 'sha1') => createHash(algorithm).update(String(v)).digest('hex'),
    checksum: (v: unknown) => createHash('sha1').update(String(v)).digest('hex'),
    map: (v: unknown[], ...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first && typeof first === 'object')
        return (v ?? []).map((i) => attribute(i, String((first as { attribute: string }).attribute)));
      const filter = env.getFilter(String(first));
      return (v ?? []).map((i) => filter(i, ...rest));
    },
    selectattr: (v: unknown[], attr: string, test?: string, ...args: unknown[]) =>
      (v ?? []).filter((i) =>
        test
          ? (tests[test]?.(attribute(i, attr), ...args) ?? env.getTest(test)(attribute(i, attr), ...args))
          : isTemplateTrue(attribute(i, attr)),
      ),
    rejectattr: (v: unknown[], attr: string, test?: string, ...args: unknown[]) =>
      (v ?? []).filter(
        (i) =>
          !(test
            ? (tests[test]?.(attribute(i, attr), ...args) ?? env.getTest(test)(attribute(i, attr), ...args))
            : isTemplateTrue(attribute(i, attr))),
      ),
    split: (v: unknown, separator?: string) =>
      separator === undefined ? String(v).trim().split(/\s+/) : String(v).split(separator),
    type_debug: (v: unknown) =>
      Array.isArray(v)
        ? 'list'
        : v === null
          ? 'NoneType'
          : typeof v === 'object'
            ? 'dict'
            : typeof v === 'string'
              ? 'str'
              : typeof v === 'number'
                ? Number.isInteger(v)
                  ? 'int'
                  : 'float'
                : typeof v,
  };
  for (const [name, fn] of Object.entries({ ...filters, ...setFilters, ...textFilters }))
    env.addFilter(name, fn as (...args: unknown[]) => unknown);
  for (const [name, fn] of Object.entries(tests)) env.addTest(name, fn);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, (value as Record<string, unknown>)[k]]),
    );
  }
  return value;
}
