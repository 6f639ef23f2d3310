import { lstatSync, type Stats, statSync } from 'node:fs';
import { parseBoolean } from '../../modules/ansible-boolean.js';
import { pythonRegExp } from '../../modules/text/python-re.js';
import { isVaulted } from '../vault/index.js';
import { withKeywords } from './filter-keywords.js';
import { pyStr } from './python-repr.js';
import { pyTruth } from './python-runtime.js';
import { isDict, pyEquals, pyIn, typeName } from './python-values.js';
import { versionTest } from './version-test.js';

/**
 * The tests of Ansible (plugins/test/core.py, files.py, mathstuff.py, uri.py) and of Jinja2 that nunjucks lacks
 * or defines differently, under every name Ansible registers (`is_dir`, `isnan`, `succeeded` … included).
 */

type Test = (value: unknown, ...args: unknown[]) => boolean;

/** A task result, or the error Ansible raises when a result test is given something else. */
function result(value: unknown, test: string): Record<string, unknown> {
  if (!isDict(value)) throw new TypeError(`The '${test}' test expects a dictionary`);
  return value;
}

const failed: Test = (v) => pyTruth(result(v, 'failed').failed ?? false);
const unreachable: Test = (v) => pyTruth(result(v, 'unreachable').unreachable ?? false);
const skipped: Test = (v) => pyTruth(result(v, 'skipped').skipped ?? false);

function changed(value: unknown): boolean {
  const r = result(value, 'changed');
  if ('changed' in r) return pyTruth(r.changed);
  const results = r.results;
  if (Array.isArray(results) && isDict(results[0]))
    return results.some((item) => isDict(item) && pyTruth(item.changed ?? false));
  return false;
}

/** `started`/`finished`: an async result's 0/1 flag; any other result counts as started and finished. */
function asyncState(key: 'started' | 'finished'): Test {
  return (value) => {
    const r = result(value, key);
    return key in r ? pyEquals(r[key], 1) : true;
  };
}

/** `regex` (also `match`, `search`): Python's `re` with `ignorecase`/`multiline`, on the text of the value. */
function regex(
  value: unknown,
  pattern: unknown = '',
  ignorecase = false,
  multiline = false,
  type = 'search',
) {
  const flags = `${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}`;
  const source = String(pattern);
  // As Ansible's to_text: a list or dict is searched in its Python text (`{'msg': '…'}`).
  const text = pyStr(value);
  if (type === 'match') return pythonRegExp(`^(?:${source})`, flags).test(text);
  if (type === 'fullmatch') return pythonRegExp(`^(?:${source})$`, flags).test(text);
  return pythonRegExp(source, flags).test(text);
}

function truthy(value: unknown, convertBool = false): boolean {
  const converted = convertBool ? (parseBoolean(value) ?? value) : value;
  return pyTruth(converted);
}

function iterate(value: unknown, test: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isDict(value)) return Object.keys(value);
  throw new TypeError(`'${typeName(value)}' object is not iterable (in test '${test}')`);
}

/** Python's `set(a) <= set(b)`: every item of `a` is in `b` (lists compare by value). */
function subset(a: unknown, b: unknown): boolean {
  const other = iterate(b, 'subset');
  return iterate(a, 'subset').every((x) => other.some((y) => pyEquals(x, y)));
}

function pathStat(value: unknown, check: (s: Stats) => boolean, stat: (path: string) => Stats = statSync) {
  if (typeof value !== 'string') return false;
  try {
    return check(stat(value));
  } catch {
    return false;
  }
}

/** `os.path.samefile`: both paths name the same file (errors when one does not exist, as Python does). */
function sameFile(a: unknown, b: unknown): boolean {
  const x = statSync(String(a));
  const y = statSync(String(b));
  return x.dev === y.dev && x.ino === y.ino;
}

/** `os.path.ismount`: a directory on another device than its parent, or the root. */
function isMount(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const self = lstatSync(value);
    if (self.isSymbolicLink() || !self.isDirectory()) return false;
    const parent = lstatSync(`${value.replace(/\/+$/, '')}/..`);
    return self.dev !== parent.dev || self.ino === parent.ino;
  } catch {
    return false;
  }
}

const isDirectory: Test = (v) => pathStat(v, (s) => s.isDirectory());
const isFile: Test = (v) => pathStat(v, (s) => s.isFile());
const isLink: Test = (v) => pathStat(v, (s) => s.isSymbolicLink(), lstatSync);
const isAbs: Test = (v) => typeof v === 'string' && v.startsWith('/');
const isNan: Test = (v) => typeof v === 'number' && Number.isNaN(v);
const contains: Test = (seq, v) => pyIn(v, seq);
const isVersion = withKeywords(['version', 'operator', 'strict', 'version_type'], versionTest);

/** The URI tests (plugins/test/uri.py): `uri` (has a scheme), `url` (scheme and host), `urn`. */
function uriTest(kind: 'uri' | 'url' | 'urn'): Test {
  return (value, schemes?: unknown) => {
    const text = String(value);
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/([^/?#]*))?/.exec(text);
    if (kind === 'urn') return m?.[1].toLowerCase() === 'urn';
    if (!m) return false;
    if (Array.isArray(schemes) && !schemes.includes(m[1].toLowerCase())) return false;
    return kind === 'uri' || Boolean(m[3]);
  };
}

/** Ansible's tests and the Jinja2 tests nunjucks lacks, by name. */
export const tests: Record<string, Test> = {
  failed,
  failure: failed,
  succeeded: (v) => !failed(v),
  success: (v) => !failed(v),
  successful: (v) => !failed(v),
  unreachable,
  reachable: (v) => !unreachable(v),
  changed,
  change: changed,
  skipped,
  skip: skipped,
  started: asyncState('started'),
  finished: asyncState('finished'),
  match: withKeywords(
    ['pattern', 'ignorecase', 'multiline'],
    (v: unknown, p?: unknown, i?: boolean, m?: boolean) => regex(v, p, i, m, 'match'),
  ),
  search: withKeywords(
    ['pattern', 'ignorecase', 'multiline'],
    (v: unknown, p?: unknown, i?: boolean, m?: boolean) => regex(v, p, i, m, 'search'),
  ),
  regex: withKeywords(['pattern', 'ignorecase', 'multiline', 'match_type'], regex),
  version: isVersion,
  version_compare: isVersion,
  any: (v) => iterate(v, 'any').some(pyTruth),
  all: (v) => iterate(v, 'all').every(pyTruth),
  truthy: withKeywords(['convert_bool'], truthy),
  falsy: withKeywords(['convert_bool'], (v: unknown, c?: boolean) => !truthy(v, c)),
  vault_encrypted: (v) => isVaulted(v),
  directory: isDirectory,
  is_dir: isDirectory,
  file: isFile,
  is_file: isFile,
  link: isLink,
  is_link: isLink,
  exists: (v) => pathStat(v, () => true),
  link_exists: (v) => pathStat(v, () => true, lstatSync),
  abs: isAbs,
  is_abs: isAbs,
  same_file: sameFile,
  is_same_file: sameFile,
  mount: isMount,
  is_mount: isMount,
  subset,
  issubset: subset,
  superset: (a, b) => subset(b, a),
  issuperset: (a, b) => subset(b, a),
  contains,
  nan: isNan,
  isnan: isNan,
  uri: uriTest('uri'),
  url: uriTest('url'),
  urn: uriTest('urn'),
  // Jinja2's own tests, with Python's types (a bool is an int but not a number test's float …).
  none: (v) => v === null || v === undefined,
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  integer: (v) => typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0),
  float: (v) => typeof v === 'number' && (!Number.isInteger(v) || Object.is(v, -0)),
  number: (v) => typeof v === 'number' || typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  mapping: (v) => isDict(v),
  sequence: (v) => Array.isArray(v) || typeof v === 'string' || isDict(v),
  iterable: (v) => Array.isArray(v) || typeof v === 'string' || isDict(v),
  sameas: (v, other) => v === other || (v === undefined && other === null),
  in: (v, seq) => pyIn(v, seq),
  equalto: (v, other) => pyEquals(v, other),
  eq: (v, other) => pyEquals(v, other),
  '==': (v, other) => pyEquals(v, other),
  ne: (v, other) => !pyEquals(v, other),
  '!=': (v, other) => !pyEquals(v, other),
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
};
