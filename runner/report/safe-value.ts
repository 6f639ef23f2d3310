import { Secret } from '../../bootstrap/codec.js';

/**
 * Turns a module result into plain JSON-able data for printing: secrets become `[secret]` (a reporter must
 * never print one, whatever the scheduler forgot to censor), bytes become a size note, bigints become strings,
 * errors keep their message, and cycles are cut. Every reporter prints values through this.
 */
export function safeValue(value: unknown, seen: Set<object> = new Set()): unknown {
  if (value instanceof Secret) return '[secret]';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { error: value.name, message: value.message };
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => safeValue(item, seen) ?? null);
    const entries =
      value instanceof Map
        ? [...value.entries()].map(([k, v]) => [String(k), v] as const)
        : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const plain = safeValue(item, seen);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
