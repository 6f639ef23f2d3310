/** The parts of an Ansible Vault envelope (`$ANSIBLE_VAULT;1.1;AES256` or `…;1.2;AES256;<vault id>`). */
export interface VaultEnvelope {
  version: '1.1' | '1.2';
  cipher: 'AES256';
  /** The vault id label of a 1.2 envelope. */
  label?: string;
  salt: Buffer;
  hmac: Buffer;
  ciphertext: Buffer;
}

const HEADER = '$ANSIBLE_VAULT';

/** True when `text` starts with the vault header: a whole encrypted file or an inline `!vault` value. */
export function isVaultText(text: string): boolean {
  return text.trimStart().startsWith(HEADER);
}

/** Why a text could not be read as a vault envelope (the text is damaged, not the password wrong). */
export class VaultFormatError extends Error {
  override name = 'VaultFormatError';
}

/**
 * Parses a vault envelope as Ansible's `parse_vaulttext_envelope` does: a header line, then hex lines whose
 * bytes are three more hex lines — salt, HMAC-SHA256, ciphertext. Pure.
 */
export function parseVaultEnvelope(text: string): VaultEnvelope {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].trim().split(';');
  if (header[0] !== HEADER) throw new VaultFormatError('not a vault envelope (no $ANSIBLE_VAULT header)');
  const version = header[1];
  if (version !== '1.1' && version !== '1.2')
    throw new VaultFormatError(`unsupported vault format version ${JSON.stringify(version)}`);
  if (header[2]?.trim() !== 'AES256')
    throw new VaultFormatError(`unsupported vault cipher ${JSON.stringify(header[2])} (only AES256)`);
  const label = version === '1.2' ? header[3]?.trim() || undefined : undefined;
  const body = lines
    .slice(1)
    .map((l) => l.trim())
    .join('');
  if (!/^([0-9a-fA-F]{2})+$/.test(body)) throw new VaultFormatError('the vault body is not hex');
  const parts = Buffer.from(body, 'hex').toString('latin1').split('\n');
  if (parts.length !== 3 || !parts.every((p) => /^([0-9a-fA-F]{2})+$/.test(p)))
    throw new VaultFormatError('the vault body is not salt, HMAC and ciphertext');
  const [salt, hmac, ciphertext] = parts.map((p) => Buffer.from(p, 'hex'));
  return { version, cipher: 'AES256', label, salt, hmac, ciphertext };
}
