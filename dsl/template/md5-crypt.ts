import { createHash } from 'node:crypto';
import { digestOf, encode24 } from './crypt-encoding.js';

/**
 * MD5 crypt (`$1$`, Poul-Henning Kamp's FreeBSD scheme that glibc's crypt(3) and `openssl passwd -1` produce), so
 * `password_hash('md5')` needs no Python on the controller.
 */

/** The byte triples of the final digest, in the order the scheme encodes them. */
const ORDER = [
  [0, 6, 12],
  [1, 7, 13],
  [2, 8, 14],
  [3, 9, 15],
  [4, 10, 5],
];

/** `$1$salt$hash` for `password`; the salt is its first 8 characters (up to a `$`), as crypt(3) reads it. */
export function md5Crypt(password: string, salt: string): string {
  const key = Buffer.from(password, 'utf8');
  const saltText = salt.split('$')[0].slice(0, 8);
  const s = Buffer.from(saltText, 'utf8');
  const magic = Buffer.from('$1$');
  const alternate = digestOf('md5', key, s, key);
  const first = createHash('md5').update(key).update(magic).update(s);
  for (let left = key.length; left > 0; left -= 16) first.update(alternate.subarray(0, Math.min(16, left)));
  for (let len = key.length; len > 0; len >>= 1) first.update(len & 1 ? Buffer.of(0) : key.subarray(0, 1));
  let digest = first.digest();
  for (let i = 0; i < 1000; i++) {
    const round = createHash('md5');
    round.update(i & 1 ? key : digest);
    if (i % 3 !== 0) round.update(s);
    if (i % 7 !== 0) round.update(key);
    round.update(i & 1 ? digest : key);
    digest = round.digest();
  }
  let out = '';
  for (const [x, y, z] of ORDER) out += encode24(digest[x], digest[y], digest[z], 4);
  out += encode24(0, 0, digest[11], 2);
  return `$1$${saltText}$${out}`;
}
