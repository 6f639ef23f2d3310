import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { deriveVaultKeys } from '../../../dsl/vault/index.js';

/** Encrypts like `ansible-vault encrypt_string` (tests only; Spindle itself never encrypts). */
export function encryptForTest(plain: string, password: string, label?: string): string {
  const salt = randomBytes(32);
  const keys = deriveVaultKeys(password, salt);
  const data = Buffer.from(plain);
  const pad = 16 - (data.length % 16);
  const cipher = createCipheriv('aes-256-ctr', keys.aes, keys.iv);
  const ciphertext = Buffer.concat([
    cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]);
  const hmac = createHmac('sha256', keys.hmac).update(ciphertext).digest();
  const body = Buffer.from([salt, hmac, ciphertext].map((b) => b.toString('hex')).join('\n')).toString('hex');
  const header = label ? `$ANSIBLE_VAULT;1.2;AES256;${label}` : '$ANSIBLE_VAULT;1.1;AES256';
  return [header, ...(body.match(/.{1,80}/g) ?? [])].join('\n');
}
