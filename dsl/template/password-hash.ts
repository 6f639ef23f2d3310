import { FilterError } from './filter-error.js';
import { md5Crypt } from './md5-crypt.js';
import { pyClassName } from './python-values.js';
import { randomSalt, shaCrypt } from './sha512-crypt.js';

/**
 * Ansible 2.14's `password_hash` filter as it runs without passlib (its crypt(3) path, what a stock controller
 * uses): the scheme's salt and rounds rules, the crypt setting string Ansible builds, and crypt(3)'s reading of
 * it, failure token `*0` included.
 */

interface Scheme {
  cryptId: string;
  saltSize: number;
  implicitRounds?: number;
  saltExact: boolean;
}

const SCHEMES: Record<string, Scheme> = {
  md5_crypt: { cryptId: '1', saltSize: 8, saltExact: false },
  bcrypt: { cryptId: '2b', saltSize: 22, implicitRounds: 12, saltExact: true },
  sha256_crypt: { cryptId: '5', saltSize: 16, implicitRounds: 535000, saltExact: false },
  sha512_crypt: { cryptId: '6', saltSize: 16, implicitRounds: 656000, saltExact: false },
};

/** Ansible's short names for the schemes. */
const ALIASES: Record<string, string> = {
  md5: 'md5_crypt',
  blowfish: 'bcrypt',
  sha256: 'sha256_crypt',
  sha512: 'sha512_crypt',
};

/** What crypt(3) returns for a setting it cannot read (Python hands it back as the hash). */
const FAILURE_TOKEN = '*0';

const isPyTrue = (value: unknown) =>
  value !== null && value !== undefined && value !== false && value !== 0 && value !== '';

/** Python's `range(n)` argument: an int (a bool counts), anything else a TypeError. */
function pyInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new TypeError(`'${pyClassName(value)}' object cannot be interpreted as an integer`);
}

/** Python's `'%d' % value`. */
function percentD(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(Math.trunc(value));
  throw new TypeError(`%d format: a real number is required, not ${pyClassName(value)}`);
}

/** crypt(3) (libxcrypt) of `password` under a `$id$[rounds=N$]salt` setting. */
export function unixCrypt(password: string, setting: string): string {
  const parsed = /^\$(1|5|6)\$(?:rounds=([1-9]\d*)\$)?([^$]*)/.exec(setting);
  if (!parsed) return FAILURE_TOKEN;
  const [, id, roundsText, salt] = parsed;
  if (id === '1') return md5Crypt(password, setting.slice(3));
  if (roundsText === undefined) return shaCrypt(id === '5' ? 'sha256' : 'sha512', password, salt);
  const rounds = Number(roundsText);
  if (rounds < 1000 || rounds > 999_999_999) return FAILURE_TOKEN;
  return shaCrypt(id === '5' ? 'sha256' : 'sha512', password, salt, rounds);
}

/** `password_hash(hashtype, salt, salt_size, rounds, ident)`: the crypt hash Ansible's filter returns. */
export function passwordHash(
  password: unknown,
  hashtype: unknown = 'sha512',
  salt: unknown = null,
  saltSize: unknown = null,
  rounds: unknown = null,
  ident: unknown = null,
): string {
  const algorithm = ALIASES[String(hashtype)] ?? String(hashtype);
  const scheme = SCHEMES[algorithm];
  if (!scheme) throw new FilterError(`crypt.crypt does not support '${algorithm}' algorithm`);
  const size = isPyTrue(saltSize) ? saltSize : scheme.saltSize;
  const chosen = isPyTrue(salt) ? salt : randomSalt(Math.max(0, pyInt(size)));
  if (typeof chosen !== 'string') throw new TypeError('expected string or bytes-like object');
  if (/[^./0-9A-Za-z]/.test(chosen)) throw new FilterError('invalid characters in salt');
  if (scheme.saltExact ? chosen.length !== scheme.saltSize : chosen.length > scheme.saltSize)
    throw new FilterError('invalid salt size');
  const explicitRounds = rounds === scheme.implicitRounds ? null : rounds;
  const prefix = !isPyTrue(ident) ? `$${scheme.cryptId}` : algorithm === 'bcrypt' ? `$${String(ident)}` : '';
  const roundsPart = isPyTrue(explicitRounds) ? `$rounds=${percentD(explicitRounds)}` : '';
  if (typeof password !== 'string')
    throw new TypeError(`crypt() argument 1 must be str, not ${pyClassName(password)}`);
  return unixCrypt(password, `${prefix}${roundsPart}$${chosen}`);
}
