import { asText } from '../vault/vaulted.js';
import { isDict } from './python-values.js';

/**
 * Python's `json.dumps` as Ansible's `to_json`/`to_nice_json` call it: `", "`/`": "` separators (`","` when
 * indenting), non-ASCII escaped as `\uXXXX` (`ensure_ascii`), `NaN`/`Infinity` spelled as Python spells them,
 * keys sorted on request, dates as ISO text. Integral floats print as integers (JavaScript keeps no difference).
 */
export interface JsonOptions {
  indent?: number | null;
  sortKeys?: boolean;
  ensureAscii?: boolean;
  separators?: [string, string];
}

/** A JSON string literal with Python's escapes. */
export function jsonString(text: string, ensureAscii = true): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (ensureAscii && code > 0x7e))
      for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function jsonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  const text = String(n);
  // Python's repr writes large and small floats as 1e+16 / 1e-05.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `json.dumps(value, …)`. */
export function pyJsonDumps(value: unknown, options: JsonOptions = {}): string {
  const indent = options.indent ?? null;
  const [itemSep, keySep] = options.separators ?? (indent === null ? [', ', ': '] : [',', ': ']);
  const ensureAscii = options.ensureAscii ?? true;
  const write = (vaulted: unknown, level: number): string => {
    // a vaulted value that may be decrypted is written as its plaintext, as Ansible's to_json does
    const v = asText(vaulted);
    if (v === null || v === undefined) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'number') return jsonNumber(v);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string' || v instanceof String) return jsonString(String(v), ensureAscii);
    if (v instanceof Date) return jsonString(v.toISOString().replace(/\.\d+Z$|Z$/, ''), ensureAscii);
    const open = (items: string[], start: string, end: string) => {
      if (items.length === 0) return `${start}${end}`;
      if (indent === null) return `${start}${items.join(itemSep)}${end}`;
      const inner = `\n${' '.repeat(indent * (level + 1))}`;
      return `${start}${inner}${items.join(itemSep + inner)}\n${' '.repeat(indent * level)}${end}`;
    };
    if (Array.isArray(v))
      return open(
        v.map((item) => write(item, level + 1)),
        '[',
        ']',
      );
    if (isDict(v)) {
      const keys = Object.keys(v);
      if (options.sortKeys) keys.sort();
      return open(
        keys.map((key) => `${jsonString(key, ensureAscii)}${keySep}${write(v[key], level + 1)}`),
        '{',
        '}',
      );
    }
    throw new TypeError(`Object of type ${typeof v} is not JSON serializable`);
  };
  return write(value, 0);
}
