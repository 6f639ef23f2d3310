import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import type { VaultEnvelope } from './envelope.js';

/** Ansible's VaultAES256 key derivation: PBKDF2-HMAC-SHA256, 10000 rounds, 80 bytes. */
const ITERATIONS = 10_000;
const KEY_BYTES = 32;
const IV_BYTES = 16;

/** The keys one password and salt give: AES-256 key, HMAC-SHA256 key, CTR initial counter. */
export function deriveVaultKeys(
  password: string | Buffer,
  salt: Buffer,
): { aes: Buffer; hmac: Buffer; iv: Buffer } {
  const derived = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_BYTES + IV_BYTES, 'sha256');
  return {
    aes: derived.subarray(0, KEY_BYTES),
    hmac: derived.subarray(KEY_BYTES, 2 * KEY_BYTES),
    iv: derived.subarray(2 * KEY_BYTES),
  };
}

/**
 * Decrypts one envelope with one password: verifies the HMAC in constant time (a wrong password yields
 * undefined, never garbage), then AES-256-CTR and PKCS#7 unpadding. Pure.
 */
export function decryptEnvelope(envelope: VaultEnvelope, password: string | Buffer): Buffer | undefined {
  const keys = deriveVaultKeys(password, envelope.salt);
  const expected = createHmac('sha256', keys.hmac).update(envelope.ciphertext).digest();
  if (expected.length !== envelope.hmac.length || !timingSafeEqual(expected, envelope.hmac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', keys.aes, keys.iv);
  const padded = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  const pad = padded.length > 0 ? padded[padded.length - 1] : 0;
  if (pad < 1 || pad > 16 || pad > padded.length) return undefined;
  for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) return undefined;
  return padded.subarray(0, padded.length - pad);
}
