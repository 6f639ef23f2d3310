import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { LookupFailure, type LookupPlugin } from './context.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
/** Python's `string` constants, which `chars=` names. */
const CHARSETS: Record<string, string> = {
  ascii_letters: LOWER + UPPER,
  ascii_lowercase: LOWER,
  ascii_uppercase: UPPER,
  letters: LOWER + UPPER,
  lowercase: LOWER,
  uppercase: UPPER,
  digits: DIGITS,
  hexdigits: `${DIGITS}abcdefABCDEF`,
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
const DEFAULT_CHARS = ['ascii_letters', 'digits', '.,:-_'];

interface Options {
  length: number;
  chars: string[];
  seed?: string;
}

/** Ansible's `chars=` list: names of charsets or literal characters; `,,` stands for a comma. */
function charList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .replace(/,,/g, '\u0000')
    .split(',')
    .map((c) => c.replace(/\u0000/g, ','));
}

function parse(term: string, kwargs: Record<string, unknown>): { path: string; options: Options } {
  const [path, ...params] = term.trim().split(/\s+/);
  const options: Options = { length: 20, chars: DEFAULT_CHARS };
  const set = (key: string, value: unknown) => {
    if (key === 'length') {
      options.length = Number(value);
      if (!Number.isInteger(options.length) || options.length < 1)
        throw new LookupFailure(`password: length must be a positive integer, got ${value}`);
    } else if (key === 'chars') options.chars = charList(value);
    else if (key === 'seed') options.seed = String(value);
    else throw new LookupFailure(`password: unsupported parameter \`${key}\` (supported: length, chars)`);
  };
  for (const [key, value] of Object.entries(kwargs)) set(key, value);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) throw new LookupFailure(`password: could not parse \`${param}\` (expected key=value)`);
    set(param.slice(0, eq), param.slice(eq + 1));
  }
  return { path, options };
}

function generate(options: Options): string {
  const alphabet = options.chars.map((c) => CHARSETS[c] ?? c).join('');
  if (!alphabet) throw new LookupFailure('password: `chars` gives no characters to choose from');
  return Array.from({ length: options.length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * `password`: a random password stored in a controller file (relative to the playbook dir), so later runs get
 * the same one; `/dev/null` generates a fresh one every time. Ansible's `encrypt`/`ident` are not supported.
 */
export const password: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    const { path, options } = parse(String(term), kwargs);
    if (!path) throw new LookupFailure('password: a file path is required');
    if (path === '/dev/null') return generate(options);
    const full = isAbsolute(path) ? path : join(ctx.playbookDir, path);
    if (existsSync(full)) {
      const stored = readFileSync(full, 'utf8').replace(/\n$/, '');
      return stored.replace(/ (salt|ident)=\S*/g, '');
    }
    const value = generate(options);
    mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
    const temp = `${full}.${process.pid}.tmp`;
    writeFileSync(temp, `${value}\n`, { mode: 0o600 });
    renameSync(temp, full);
    return value;
  });
