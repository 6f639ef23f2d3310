import { asText, isVaulted } from '../vault/vaulted.js';

/**
 * Python's `repr`/`str` of template values, so a list, dict or boolean printed inside a string reads as Ansible
 * prints it (`['a', 2]`, `{'k': 'v'}`, `True`), not as JavaScript does (`a,2`, `[object Object]`, `true`).
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return quote(value);
  if (value instanceof String) return quote(String(value));
  if (isVaulted(value)) return quote(String(asText(value)));
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isPlain(value)) {
    if ('val' in value && Object.keys(value).length === 1) return quote(String(value));
    return `{${Object.entries(value)
      .map(([k, v]) => `${quote(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python's `str`: strings as they are, everything else as its repr (None prints as `None`). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof String) return String(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlain(value))
    return String(value);
  return pyRepr(value);
}

/** Whether a value prints differently in Python than in JavaScript (lists, dicts, booleans). */
export function needsRepr(value: unknown): boolean {
  return typeof value === 'boolean' || Array.isArray(value) || (isPlain(value) && !('val' in value));
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + q;
}
