/**
 * A value as Python's `str()` prints it, for `play inventory --graph --vars` (`{packages = ['a', 'b']}`):
 * strings bare at the top and quoted inside containers, `True`/`False`/`None`, dicts as `{'k': v}`.
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** A value as Python's `repr()` prints it. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : '-inf';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${quote(k)}: ${pythonRepr(v)}`)
      .join(', ')}}`;
  return quote(String(value));
}

function quote(text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll(q, `\\${q}`);
  return `${q}${escaped}${q}`;
}
