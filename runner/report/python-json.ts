import { safeValue } from './safe-value.js';

/**
 * JSON the way Ansible's callbacks print it (Python's `json.dumps(sort_keys=True)`): keys sorted, `", "` and
 * `": "` separators on one line, or a 4-space indent for verbose output. Users compare Spindle's `FAILED! => {…}`
 * lines with Ansible's, and scripts grep them; matching the spacing keeps both working.
 */
export function pythonJson(value: unknown, indent?: number): string {
  return dump(safeValue(value) ?? null, indent, 0);
}

function dump(value: unknown, indent: number | undefined, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const items: string[] = Array.isArray(value)
    ? value.map((item) => dump(item, indent, depth + 1))
    : Object.keys(value)
        .sort()
        .map(
          (key) =>
            `${JSON.stringify(key)}: ${dump((value as Record<string, unknown>)[key], indent, depth + 1)}`,
        );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (indent === undefined) return `${open}${items.join(', ')}${close}`;
  const inner = ' '.repeat(indent * (depth + 1));
  const outer = ' '.repeat(indent * depth);
  return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${outer}${close}`;
}
