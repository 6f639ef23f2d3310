import { createHash, getHashes } from 'node:crypto';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { pythonRegExp, pythonSubn } from '../../modules/text/python-re.js';
import {
  decryptVaultText,
  encryptVaultText,
  isVaulted,
  isVaultText,
  type VaultedValue,
} from '../vault/index.js';
import { FilterError } from './filter-error.js';
import { withKeywords } from './filter-keywords.js';
import { pyJsonDumps } from './python-json.js';
import { pyStr } from './python-repr.js';
import { pyTruth } from './python-runtime.js';
import { isDict } from './python-values.js';

/**
 * Ansible's encoding filters (plugins/filter/core.py, encryption.py, urls.py and Jinja2's `urlencode`): base64
 * in any text encoding, uuid5, hashes, JSON as Python writes it, YAML reading, Python regular expressions
 * (`regex_search` groups, `regex_replace` templates, `regex_escape`), URL quoting, and vault/unvault.
 */

/** Text as Python's `to_text(value, nonstring='simplerepr')` makes it. */
const text = (value: unknown) => (value === undefined ? '' : pyStr(value));

function encodingName(encoding: unknown): BufferEncoding {
  const name = String(encoding).toLowerCase().replace(/[-_]/g, '');
  const known: Record<string, BufferEncoding> = {
    utf8: 'utf8',
    utf16le: 'utf16le',
    utf16: 'utf16le',
    latin1: 'latin1',
    iso88591: 'latin1',
    ascii: 'ascii',
  };
  const found = known[name];
  if (!found) throw new FilterError(`unknown encoding: ${encoding}`);
  return found;
}

/** uuid5 (SHA-1 name-based) of `name` in `namespace`, as Python's `uuid.uuid5`. */
function toUuid(name: unknown, namespace: unknown = '361E6D51-FAEC-444A-9079-341386DA8E2E'): string {
  const hex = String(namespace).replace(/^urn:uuid:|[{}-]/gi, '');
  if (typeof namespace !== 'string' || !/^[0-9a-f]{32}$/i.test(hex))
    throw new FilterError(
      `Invalid value '${pyStr(namespace)}' for 'namespace': ${typeof namespace === 'string' ? 'badly formed hexadecimal UUID string' : `'${typeof namespace === 'number' ? 'int' : typeof namespace}' object has no attribute 'replace'`}`,
    );
  const digest = createHash('sha1')
    .update(Buffer.from(hex, 'hex'))
    .update(Buffer.from(text(name), 'utf8'))
    .digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const h = digest.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function hash(value: unknown, algorithm: unknown = 'sha1'): string {
  const name = String(algorithm).toLowerCase();
  if (!getHashes().includes(name)) throw new FilterError(`unsupported hash type ${algorithm}`);
  return createHash(name).update(text(value), 'utf8').digest('hex');
}

/** `regex_search(regex, *groups, ignorecase=False, multiline=False)`: the match, or a list of the groups named. */
function regexSearch(value: unknown, pattern: unknown, ...args: unknown[]): unknown {
  const last = args[args.length - 1];
  const kw = isDict(last) && last.__keywords === true ? (args.pop() as Record<string, unknown>) : {};
  const groups = args.map((arg) => {
    const g = /^\\g<(\S+)>/.exec(String(arg));
    if (g) return /^\d+$/.test(g[1]) ? Number(g[1]) : g[1];
    const n = /^\\(\d+)/.exec(String(arg));
    if (n) return Number(n[1]);
    throw new FilterError('Unknown argument');
  });
  const flags = `${kw.ignorecase ? 'i' : ''}${kw.multiline ? 'm' : ''}`;
  const match = pythonRegExp(String(pattern), flags).exec(text(value));
  if (!match) return null;
  if (groups.length === 0) return match[0];
  return groups.map((g) => (typeof g === 'number' ? match[g] : match.groups?.[g]) ?? null);
}

function regexReplace(
  value: unknown,
  pattern: unknown = '',
  replacement: unknown = '',
  ignorecase = false,
  multiline = false,
) {
  const regexp = pythonRegExp(String(pattern), `g${ignorecase ? 'i' : ''}${multiline ? 'm' : ''}`);
  return pythonSubn(text(value), regexp, String(replacement)).text;
}

/** `regex_escape(re_type='python')`: Python's `re.escape`, or a POSIX basic expression's escapes. */
function regexEscape(value: unknown, reType: unknown = 'python'): string {
  const source = text(value);
  if (reType === 'python') return source.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, '\\$&');
  if (reType === 'posix_basic') return source.replace(/[\].[^$*\\]/g, '\\$&');
  if (reType === 'posix_extended') throw new FilterError(`Regex type (${reType}) not yet implemented`);
  throw new FilterError(`Invalid regex type (${reType})`);
}

/** Python's `urllib.parse.quote(text, safe)`: UTF-8 bytes percent-encoded except letters, digits and `_.-~`. */
function urlQuote(value: unknown, safe: string): string {
  let out = '';
  for (const byte of Buffer.from(typeof value === 'string' ? value : pyStr(value), 'utf8')) {
    const char = String.fromCharCode(byte);
    out +=
      /[A-Za-z0-9_.\-~]/.test(char) || safe.includes(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Jinja2's `urlencode`: a string quoted (keeping `/`), a dict or list of pairs as a query string. */
function urlencode(value: unknown): string {
  const pairs = isDict(value) ? Object.entries(value) : Array.isArray(value) ? (value as unknown[][]) : null;
  if (pairs === null) return urlQuote(value, '/');
  const q = (v: unknown) => urlQuote(v, '').replace(/%20/g, '+');
  return pairs.map(([k, v]) => `${q(k)}=${q(v)}`).join('&');
}

/** `urllib.parse.unquote_plus`: `+` is a space, `%XX` bytes decoded as UTF-8. */
function urldecode(value: unknown): string {
  const bytes: number[] = [];
  const source = Buffer.from(text(value).replace(/\+/g, ' '), 'utf8');
  for (let i = 0; i < source.length; i++) {
    const hex = source.subarray(i + 1, i + 3).toString('latin1');
    if (source[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(source[i]);
  }
  return Buffer.from(bytes).toString('utf8');
}

function vault(
  data: unknown,
  secret: unknown,
  salt: unknown = null,
  vaultid: unknown = 'filter_default',
  wrapObject: unknown = false,
): string | VaultedValue {
  if (typeof secret !== 'string')
    throw new FilterError(`Secret passed is required to be a string, instead we got: ${typeof secret}`);
  if (typeof data !== 'string')
    throw new FilterError(`Can only vault strings, instead we got: ${typeof data}`);
  const saltBytes = salt === null || salt === undefined ? undefined : Buffer.from(pyStr(salt), 'utf8');
  if (saltBytes?.length === 0) throw new FilterError('Unable to encrypt: Empty or invalid salt passed');
  const text = encryptVaultText(data, secret, { label: String(vaultid), salt: saltBytes });
  // `wrap_object=True` gives Ansible's AnsibleVaultEncryptedUnicode: an inline `!vault` value.
  return pyTruth(wrapObject) ? { __vault__: text } : text;
}

function unvault(data: unknown, secret: unknown, vaultid: unknown = 'filter_default'): string {
  if (typeof secret !== 'string')
    throw new FilterError(`Secret passed is required to be as string, instead we got: ${typeof secret}`);
  const encrypted = isVaulted(data)
    ? data.__vault__
    : typeof data === 'string' && isVaultText(data)
      ? data
      : undefined;
  if (encrypted === undefined) {
    if (typeof data !== 'string')
      throw new FilterError(`Vault should be in the form of a string, instead we got: ${typeof data}`);
    return data;
  }
  try {
    return decryptVaultText(encrypted, [{ label: String(vaultid), password: secret }]).toString('utf8');
  } catch (error) {
    throw new FilterError(`Unable to decrypt: ${(error as Error).message}`);
  }
}

/** `bool`: None and booleans as they are; 'yes', 'on', '1', 'true' and 1 true; anything else false. */
function toBool(value: unknown): boolean | null {
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  const word = typeof value === 'string' ? value.toLowerCase() : value;
  return ['yes', 'on', '1', 'true', 1].includes(word as string | number);
}

/** The encoding filters, by name. */
export const encodingFilters: Record<string, (...args: never[]) => unknown> = {
  b64encode: withKeywords(['encoding'], (v: unknown, encoding: unknown = 'utf-8') =>
    Buffer.from(text(v), encodingName(encoding)).toString('base64'),
  ),
  b64decode: withKeywords(['encoding'], (v: unknown, encoding: unknown = 'utf-8') =>
    Buffer.from(text(v), 'base64').toString(encodingName(encoding)),
  ),
  to_uuid: withKeywords(['namespace'], toUuid),
  hash: withKeywords(['hashtype'], hash),
  checksum: (v: unknown) => hash(v, 'sha1'),
  sha1: (v: unknown) => hash(v, 'sha1'),
  md5: (v: unknown) => hash(v, 'md5'),
  to_json: withKeywords(
    ['indent', 'sort_keys', 'ensure_ascii'],
    (v: unknown, indent: unknown = null, sortKeys = false, ensureAscii = true) =>
      pyJsonDumps(v, { indent: indent === null ? null : Number(indent), sortKeys, ensureAscii }),
  ),
  to_nice_json: withKeywords(
    ['indent', 'sort_keys', 'ensure_ascii'],
    (v: unknown, indent: unknown = 4, sortKeys = true, ensureAscii = true) =>
      pyJsonDumps(v, { indent: Number(indent), sortKeys, ensureAscii, separators: [',', ': '] }),
  ),
  from_json: (v: unknown) => {
    try {
      return JSON.parse(text(v));
    } catch (error) {
      throw new FilterError(`from_json: ${(error as Error).message}`);
    }
  },
  from_yaml: (v: unknown) => (typeof v === 'string' ? parseYaml(v) : v),
  from_yaml_all: (v: unknown) => (typeof v === 'string' ? parseAllDocuments(v).map((doc) => doc.toJS()) : v),
  regex_search: regexSearch,
  regex_replace: withKeywords(['pattern', 'replacement', 'ignorecase', 'multiline'], regexReplace),
  regex_escape: withKeywords(['re_type'], regexEscape),
  urlencode,
  urldecode,
  vault: withKeywords(['secret', 'salt', 'vaultid', 'wrap_object'], vault),
  unvault: withKeywords(['secret', 'vaultid'], unvault),
  bool: toBool,
};
