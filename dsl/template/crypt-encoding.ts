import { createHash } from 'node:crypto';

/** crypt(3)'s base-64 alphabet, shared by the MD5 and SHA crypt schemes (and their salts). */
export const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Three digest bytes as `chars` characters of crypt's base 64, least significant first, as every scheme writes them. */
export function encode24(b2: number, b1: number, b0: number, chars: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += CRYPT_ALPHABET[w & 0x3f];
    w >>= 6;
  }
  return out;
}

/** The digest of `parts` in order, with one of node's hash algorithms (`md5`, `sha256`, `sha512`). */
export function digestOf(algorithm: string, ...parts: Buffer[]): Buffer {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return hash.digest();
}
