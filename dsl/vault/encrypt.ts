import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { deriveVaultKeys } from './decrypt.js';

/** Ansible's salt length for VaultAES256. */
const SALT_BYTES = 32;
/** Ansible wraps the hex body at 80 columns. */
const LINE = 80;

/**
 * Encrypts bytes into an Ansible Vault envelope, as `ansible-vault encrypt` writes it: PKCS#7 padding,
 * AES-256-CTR, HMAC-SHA256 over the ciphertext, salt/HMAC/ciphertext hex-joined by newlines and hexed again in
 * 80-column lines, under `$ANSIBLE_VAULT;1.1;AES256` — or `1.2;AES256;LABEL` for a vault id other than
 * `default`. `salt` is for tests (the same salt gives the same bytes as Ansible); normally it is random.
 */
export function encryptVaultText(
  plaintext: string | Buffer,
  password: string | Buffer,
  options: { label?: string; salt?: Buffer } = {},
): string {
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const keys = deriveVaultKeys(password, salt);
  const pad = 16 - (data.length % 16);
  const padded = Buffer.concat([data, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-ctr', keys.aes, keys.iv);
  const ciphertext = Buffer.concat([cipher.update(padded), cipher.final()]);
  const hmac = createHmac('sha256', keys.hmac).update(ciphertext).digest('hex');
  const body = Buffer.from(
    `${salt.toString('hex')}\n${hmac}\n${ciphertext.toString('hex')}`,
    'latin1',
  ).toString('hex');
  const label = options.label && options.label !== 'default' ? options.label : undefined;
  if (label?.includes(';'))
    throw new Error(`'${label}' is not a valid vault id: ';' is not allowed in vault ids`);
  const header = label ? `$ANSIBLE_VAULT;1.2;AES256;${label}` : '$ANSIBLE_VAULT;1.1;AES256';
  const lines = [header];
  for (let at = 0; at < body.length; at += LINE) lines.push(body.slice(at, at + LINE));
  return `${lines.join('\n')}\n`;
}
