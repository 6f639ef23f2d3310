import {
  decryptVaultText,
  isVaultText,
  type VaultedValue,
  type VaultSecrets,
  withPlaintext,
} from '../vault/index.js';
import { TemplateError, type TemplateWhere } from './template-error.js';

/**
 * The templar's view of inline `!vault` values: decrypted on first use (PBKDF2 is slow, so each vault text
 * once per run), a failure kept for the templar to rethrow with its `file:line:col`, and every plaintext
 * remembered so that output can mask it (`<vaulted>`).
 */
export class Vault {
  private readonly plain = new Map<string, string>();
  private failure?: TemplateError;
  /** Whether a template has been given a decryptable vaulted value (`inScope`), so results may hold one. */
  handedOut = false;
  /** Every value decrypted so far in this run. */
  readonly revealed = new Set<string>();

  constructor(private readonly secrets?: VaultSecrets) {}

  /** The plaintext of a vaulted value; throws a TemplateError (code `vault`) naming where it was written. */
  reveal(value: VaultedValue, where?: TemplateWhere): string {
    let text = this.plain.get(value.__vault__);
    if (text === undefined) {
      try {
        text = decryptVaultText(value.__vault__, this.secrets, value.__vault_at__).toString('utf8');
      } catch (error) {
        const task = where?.task ? ` (used by task "${where.task}")` : '';
        this.failure = new TemplateError('vault', `${(error as Error).message}${task}`);
        throw this.failure;
      }
      this.plain.set(value.__vault__, text);
      if (text.trim() !== '') this.revealed.add(text);
    }
    return text;
  }

  /**
   * A variable's vaulted value as a template sees it: still encrypted, as Ansible's AnsibleVaultEncryptedUnicode,
   * for filters and tests that take it as it is (`is vault_encrypted`, `type_debug`, `unvault(password)`); with a
   * vault secret it reads as its plaintext wherever it is used as text (`asText`).
   */
  inScope(value: VaultedValue, where?: TemplateWhere): VaultedValue {
    if (!this.secrets || this.secrets.length === 0) return value;
    this.handedOut = true;
    return withPlaintext(value, () => this.reveal(value, where));
  }

  /**
   * The text of a controller file (`template`/`copy` src), decrypted when the whole file is vault-encrypted, as
   * Ansible does on the controller; throws a VaultError naming the file when it cannot be.
   */
  fileText(text: Buffer, path: string): Buffer {
    const head = text.subarray(0, 32).toString('latin1');
    if (!isVaultText(head)) return text;
    const plain = decryptVaultText(text.toString('utf8'), this.secrets, path);
    const shown = plain.toString('utf8');
    if (shown.trim() !== '') this.revealed.add(shown);
    return plain;
  }

  /** The vault failure of the render that just failed, once. */
  takeFailure(): TemplateError | undefined {
    const failure = this.failure;
    this.failure = undefined;
    return failure;
  }
}
