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
