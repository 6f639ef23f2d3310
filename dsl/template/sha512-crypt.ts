import { createHash, randomInt } from 'node:crypto';
import { CRYPT_ALPHABET, digestOf, encode24 } from './crypt-encoding.js';

/**
 * SHA-512 crypt (`$6$`, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", the scheme glibc's crypt(3),
 * `openssl passwd -6` and Ansible's `password_hash('sha512')` produce), in pure TypeScript so the controller
 * needs neither Python's passlib nor a subprocess per password.
 */

const DEFAULT_ROUNDS = 5000;
/** The byte triples of the final SHA-512 digest, in the order the scheme encodes them. */
const ORDER_512 = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
];

/** The byte triples of the final SHA-256 digest, in the order the scheme encodes them. */
const ORDER_256 = [
  [0, 10, 20],
  [21, 1, 11],
  [12, 22, 2],
  [3, 13, 23],
  [24, 4, 14],
  [15, 25, 5],
  [6, 16, 26],
  [27, 7, 17],
  [18, 28, 8],
  [9, 19, 29],
];

/** The two SHA-crypt schemes: `$5$` (SHA-256) and `$6$` (SHA-512). */
export type ShaCryptAlgorithm = 'sha256' | 'sha512';

/** `length` bytes of `block` repeated. */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = block[i % block.length];
  return out;
}

/** A random 16-character salt from crypt's alphabet (what Ansible generates when no salt is given). */
export function randomSalt(size = 16): string {
  return Array.from({ length: size }, () => CRYPT_ALPHABET[randomInt(CRYPT_ALPHABET.length)]).join('');
}

/** `$6$[rounds=N$]salt$hash` for `password`; the salt is cut to 16 characters, rounds kept in 1000…999999999. */
export function sha512Crypt(password: string, salt: string, rounds?: number): string {
  return shaCrypt('sha512', password, salt, rounds);
}

/** `$5$…` (SHA-256) or `$6$…` (SHA-512) crypt of `password`, as glibc's crypt(3) computes it. */
export function shaCrypt(
  algorithm: ShaCryptAlgorithm,
  password: string,
  salt: string,
  rounds?: number,
): string {
  const key = Buffer.from(password, 'utf8');
  const saltText = salt.slice(0, 16);
  const s = Buffer.from(saltText, 'utf8');
  const n = rounds === undefined ? DEFAULT_ROUNDS : Math.min(999_999_999, Math.max(1000, Math.floor(rounds)));
  const b = digestOf(algorithm, key, s, key);
  const a = createHash(algorithm).update(key).update(s).update(repeatTo(b, key.length));
  for (let len = key.length; len > 0; len >>= 1) a.update(len & 1 ? b : key);
  let digest = a.digest();
  const p = repeatTo(digestOf(algorithm, ...Array<Buffer>(key.length).fill(key)), key.length);
  const sSeq = repeatTo(digestOf(algorithm, ...Array<Buffer>(16 + digest[0]).fill(s)), s.length);
  for (let i = 0; i < n; i++) {
    const c = createHash(algorithm);
    c.update(i & 1 ? p : digest);
    if (i % 3 !== 0) c.update(sSeq);
    if (i % 7 !== 0) c.update(p);
    c.update(i & 1 ? digest : p);
    digest = c.digest();
  }
  let out = '';
  const order = algorithm === 'sha512' ? ORDER_512 : ORDER_256;
  for (const [x, y, z] of order) out += encode24(digest[x], digest[y], digest[z], 4);
  out += algorithm === 'sha512' ? encode24(0, 0, digest[63], 2) : encode24(0, digest[31], digest[30], 3);
  const id = algorithm === 'sha512' ? '6' : '5';
  return `$${id}$${rounds === undefined ? '' : `rounds=${n}$`}${saltText}$${out}`;
}
