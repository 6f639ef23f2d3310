/**
 * Ansible's argument type conversions (module_utils/common/validation.py `check_type_*` and
 * parsing/convert_bool.py `boolean`), so `create=yes`, `timeout="10"` or `force: "no"` reach a module as the
 * boolean or number its argument_spec asks for. Each returns `undefined` when the value cannot be converted;
 * the caller then leaves the value alone and the schema reports the mismatch.
 */

/** `check_type_bool`: Ansible's one truth table (modules/ansible-boolean.ts), named like its sibling conversions. */
export { parseBoolean as toBoolean } from '../ansible-boolean.js';

/** Python's `decimal.Decimal(text)` grammar (surrounding whitespace and `_` between digits allowed). */
const DECIMAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:e[+-]?\d(?:_?\d)*)?$/i;

/** Python's `float(text)`: decimal numbers, exponents, `inf`/`infinity`/`nan` with an optional sign. */
function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed.replaceAll('_', ''));
  if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(trimmed)) return Number.NaN;
  return undefined;
}

/** `check_type_int` (ansible-core 2.19): integers, and strings or floats whose decimal value has no fraction. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const parsed = parseNumber(value);
  return parsed !== undefined && Number.isInteger(parsed) ? parsed : undefined;
}

/** `check_type_float`: numbers, numeric strings and booleans (Python's `float(True)` is 1.0). */
export function toFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return undefined;
  return parseNumber(value);
}

/** `check_type_str` with conversion allowed: numbers and booleans become their Python text (`True`, `10`). */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumberText(value);
  return undefined;
}

function pythonNumberText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** `check_type_list`: lists as they are, a string split on commas (not trimmed, as Ansible), a number as `[text]`. */
export function toList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',');
  if (typeof value === 'number') return [pythonNumberText(value)];
  return undefined;
}

/** `check_type_dict`: a mapping, JSON text starting with `{`, or `k1=v1, k2=v2` / `k1=v1 k2=v2` text. */
export function toDict(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (!value.includes('=')) return undefined;
  const fields = splitDictFields(value.trim());
  if (fields.some((field) => !field.includes('='))) return undefined;
  return Object.fromEntries(
    fields.map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]),
  );
}

/** Splits `k1="a b", k2=c` on unquoted commas and spaces; quotes are dropped, `\` escapes one character. */
function splitDictFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quote: string | null = null;
  let escaped = false;
  for (const c of text) {
    if (escaped) {
      field += c;
      escaped = false;
    } else if (c === '\\') escaped = true;
    else if (!quote && (c === "'" || c === '"')) quote = c;
    else if (quote && c === quote) quote = null;
    else if (!quote && (c === ',' || c === ' ')) {
      if (field) fields.push(field);
      field = '';
    } else field += c;
  }
  if (field) fields.push(field);
  return fields;
}
