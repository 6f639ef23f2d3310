import { decryptEnvelope } from './decrypt.js';
import { parseVaultEnvelope, VaultFormatError } from './envelope.js';

/** One vault password and its vault id label (`default` when none was given), as `--vault-id label@source`. */
export interface VaultSecret {
  label: string;
  password: string;
}

/** The vault passwords of a run, in the order they were given (tried in that order, like Ansible). */
export type VaultSecrets = readonly VaultSecret[];

/** Why vaulted data could not be decrypted, with Ansible's wording and where the data is. */
export class VaultError extends Error {
  override name = 'VaultError';
  readonly kind = 'vault';
  constructor(
    message: string,
    /** `file:line:col` or `file` of the vaulted data, when known. */
    readonly where?: string,
  ) {
    super(where ? `${message} in ${where}` : message);
  }
}

/**
 * Decrypts vault text with the run's secrets: a 1.2 envelope's label is tried first with the matching secret,
 * then every secret in order. Throws a VaultError naming `where` when none fits or there are none. Pure.
 */
export function decryptVaultText(text: string, secrets: VaultSecrets | undefined, where?: string): Buffer {
  if (!secrets || secrets.length === 0)
    throw new VaultError(
      'Attempting to decrypt but no vault secrets found (give --vault-password-file, --vault-id or --ask-vault-pass)',
      where,
    );
  let envelope: ReturnType<typeof parseVaultEnvelope>;
  try {
    envelope = parseVaultEnvelope(text);
  } catch (error) {
    if (error instanceof VaultFormatError)
      throw new VaultError(`Invalid vault data: ${error.message}`, where);
    throw error;
  }
  const ordered = envelope.label
    ? [
        ...secrets.filter((s) => s.label === envelope.label),
        ...secrets.filter((s) => s.label !== envelope.label),
      ]
    : secrets;
  for (const secret of ordered) {
    const plain = decryptEnvelope(envelope, secret.password);
    if (plain) return plain;
  }
  throw new VaultError('Decryption failed (no vault secrets were found that could decrypt)', where);
}
