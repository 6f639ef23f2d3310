import { VAULTED_PLACEHOLDER } from '../../dsl/vault/index.js';

/**
 * Replaces each secret (a decrypted vault value) inside strings of `value`, deeply, with `<vaulted>`: results,
 * diffs and output lines are masked before any reporter sees them.
 */
export function maskSecrets<T>(value: T, secrets: ReadonlySet<string>): T {
  if (secrets.size === 0) return value;
  // A secret is masked inside longer text only from 4 characters on: a vaulted "1" or "yes" would otherwise
  // blank out unrelated output. A string that is exactly a secret is always masked.
  const ordered = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (secrets.has(v)) return VAULTED_PLACEHOLDER;
      let out = v;
      for (const secret of ordered)
        if (out.includes(secret)) out = out.split(secret).join(VAULTED_PLACEHOLDER);
      return out;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, visit(item)]));
    return v;
  };
  return visit(value) as T;
}
