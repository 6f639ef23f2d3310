import { types } from 'node:util';

/**
 * An inline `!vault` value as the YAML loader keeps it: the vault text, and where it was written so that a
 * decryption error can name `file:line:col`. Stays encrypted until a template uses it.
 */
export interface VaultedValue {
  __vault__: string;
  __vault_at__?: string;
}

/** True for an inline `!vault` value that has not been decrypted. */
export function isVaulted(value: unknown): value is VaultedValue {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { __vault__?: unknown }).__vault__ === 'string'
  );
}

/** What output shows instead of a vaulted value (`--explain-var`, `-v` results). */
export const VAULTED_PLACEHOLDER = '<vaulted>';

const PLAINTEXT = Symbol('vault plaintext');

/**
 * A vaulted value as a template's variable holds it when a vault secret is known: still encrypted (`is
 * vault_encrypted`, `type_debug`, `to_yaml` see the vault text), its plaintext wherever it is used as text, as
 * Ansible's AnsibleVaultEncryptedUnicode decrypts lazily. `decrypt` is called on each use (the caller caches).
 */
export function withPlaintext(value: VaultedValue, decrypt: () => string): VaultedValue {
  const out: VaultedValue = { __vault__: value.__vault__ };
  if (value.__vault_at__ !== undefined) out.__vault_at__ = value.__vault_at__;
  Object.defineProperty(out, PLAINTEXT, { value: decrypt });
  Object.defineProperty(out, 'toString', { value: decrypt });
  return out;
}

/** The plaintext of a vaulted value that may be decrypted (see `withPlaintext`); any other value as it is. */
export function asText(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && PLAINTEXT in value)
    return (value as { [PLAINTEXT]: () => string })[PLAINTEXT]();
  return value;
}

/**
 * A value with every decryptable vaulted value inside it (deeply, plain lists and dicts) replaced by its
 * plaintext, as Ansible's text rendering turns them into strings; the same object when nothing was replaced.
 */
export function asTextDeep(value: unknown): unknown {
  // a lazy view (`hostvars`) renders its values when read: it is left as it is
  if (value === null || typeof value !== 'object' || types.isProxy(value)) return value;
  if (PLAINTEXT in value) return asText(value);
  if (Array.isArray(value)) {
    const items = value.map(asTextDeep);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const text = asTextDeep(item);
    if (text !== item) changed = true;
    return [key, text] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}
