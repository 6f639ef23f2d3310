import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseKeyValueArgs } from '../../compile/kv.js';
import { passwordHash } from '../password-hash.js';
import { randomSalt } from '../sha512-crypt.js';
import { LookupFailure, type LookupPlugin } from './context.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
/** Python's `string` constants, which `chars=` names. */
const CHARSETS: Record<string, string> = {
  ascii_letters: LOWER + UPPER,
  ascii_lowercase: LOWER,
  ascii_uppercase: UPPER,
  digits: DIGITS,
  hexdigits: `${DIGITS}abcdefABCDEF`,
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
const DEFAULT_CHARS = ['ascii_letters', 'digits', '.,:-_'];
const VALID = ['length', 'encrypt', 'chars', 'ident', 'seed'];
/** The salt size Ansible generates for each crypt scheme (8 for any other name). */
const SALT_SIZES: Record<string, number> = { md5_crypt: 8, bcrypt: 22, sha256_crypt: 16, sha512_crypt: 16 };

interface Params {
  length: number;
  chars: string[];
  encrypt?: string;
  ident?: string;
  seed?: string;
}

/** Ansible's `chars=` text: comma-separated names or literal characters; `,,` stands for a comma. */
function charList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return [...(text.includes(',,') ? [','] : []), ...text.replace(/,,/g, ',').split(',').filter(Boolean)];
}

/** The file path (the words before the first `k=v`) and the parameters of a term, keyword arguments as defaults. */
function parse(term: string, kwargs: Record<string, unknown>): { path: string; params: Params } {
  const space = term.indexOf(' ');
  let path = space < 0 ? term : term.slice(0, space);
  let inline: Record<string, unknown> = {};
  if (space >= 0) {
    inline = parseKeyValueArgs(term.slice(space + 1), { freeForm: '_raw_params' });
    if ('_raw_params' in inline) {
      path = `${path} ${inline._raw_params}`;
      delete inline._raw_params;
      if (!term.startsWith(path))
        throw new LookupFailure('Unrecognized value after key=value parameters given to password lookup');
    }
  }
  const invalid = Object.keys(inline).filter((k) => !VALID.includes(k));
  if (invalid.length)
    throw new LookupFailure(`Unrecognized parameter(s) given to password lookup: ${invalid.join(', ')}`);
  const pick = (key: string) => inline[key] ?? kwargs[key];
  const length = Number(pick('length') ?? 20);
  if (!Number.isInteger(length))
    throw new LookupFailure(`invalid literal for int() with base 10: '${pick('length')}'`);
  const text = (key: string) =>
    pick(key) === undefined || pick(key) === null ? undefined : String(pick(key));
  return {
    path,
    params: {
      length,
      chars: pick('chars') ? charList(pick('chars')) : DEFAULT_CHARS,
      encrypt: text('encrypt') || undefined,
      ident: text('ident') || undefined,
      seed: text('seed'),
    },
  };
}

/** A source of random indexes: crypto-random, or a deterministic stream derived from `seed`. */
function chooser(seed: string | undefined): (n: number) => number {
  if (seed === undefined) return (n) => randomInt(n);
  let counter = 0;
  return (n) => {
    const block = createHash('sha256').update(`${seed}\0${counter++}`).digest();
    return block.readUInt32BE(0) % n;
  };
}

function generate(params: Params): string {
  const alphabet = params.chars
    .map((c) => CHARSETS[c] ?? c)
    .join('')
    .replace(/["']/g, '');
  if (!alphabet) throw new LookupFailure('password: `chars` gives no characters to choose from');
  const pick = chooser(params.seed);
  return Array.from({ length: params.length }, () => alphabet[pick(alphabet.length)]).join('');
}

/** Ansible's stored format: `password[ salt=SALT[ ident=IDENT]]`. */
function parseContent(content: string): { password: string; salt?: string; ident?: string } {
  const at = content.lastIndexOf(' salt=');
  if (at < 0) return { password: content };
  const rest = content.slice(at + ' salt='.length);
  const identAt = rest.lastIndexOf(' ident=');
  return identAt < 0
    ? { password: content.slice(0, at), salt: rest || undefined }
    : { password: content.slice(0, at), salt: rest.slice(0, identAt), ident: rest.slice(identAt + 7) };
}

/** The crypt hash Ansible's `do_encrypt` gives (its crypt(3) path, as `password_hash`), its refusal a lookup failure. */
function hash(password: string, encrypt: string, salt: string, ident?: string): string {
  try {
    return passwordHash(password, encrypt, salt, null, null, ident ?? null);
  } catch (error) {
    throw new LookupFailure((error as Error).message);
  }
}

/**
 * `password`: a random password kept in a controller file (relative to the playbook dir, folders made 0700, the
 * file 0600), so later runs get the same one; `/dev/null` generates a fresh one every time (the same one for the
 * same `seed`). With `encrypt` the salt is stored beside the password and the crypt hash is returned.
 */
export const password: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const { path, params } = parse(String(term), kwargs);
    const full = isAbsolute(path) ? path : join(ctx.playbookDir, path);
    const devNull = full === '/dev/null';
    const stored = !devNull && existsSync(full) ? readFileSync(full, 'utf8').trimEnd() : undefined;
    let changed = stored === undefined || devNull;
    let { password: plain, salt } =
      stored === undefined || devNull
        ? { password: generate(params), salt: undefined }
        : parseContent(stored);
    if (params.encrypt && !salt) {
      changed = true;
      salt = randomSalt(SALT_SIZES[params.encrypt] ?? 8);
    }
    if (changed && !devNull) {
      mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
      const temp = `${full}.${process.pid}.tmp`;
      writeFileSync(temp, `${salt ? `${plain} salt=${salt}` : plain}\n`, { mode: 0o600 });
      renameSync(temp, full);
    }
    return params.encrypt && salt ? hash(plain, params.encrypt, salt, params.ident) : plain;
  });
