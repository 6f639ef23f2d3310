import { type ArgToken, splitArgTokens } from './split-args.js';

export { splitArgs } from './split-args.js';

/**
 * The options Ansible splits out of a command line (`parse_kv` with `check_raw`): every other word, `k=v` or
 * not, stays part of the command.
 */
export const COMMAND_OPTIONS: ReadonlySet<string> = new Set([
  'creates',
  'removes',
  'chdir',
  'executable',
  'warn',
  'stdin',
  'stdin_add_newline',
  'strip_empty_ends',
]);

/** How a module reads one-line argument text (see `freeFormStyle` in modules/contract/define-module.ts). */
export interface KeyValueStyle {
  /** The argument that receives the words that are not `k=v` (`cmd`, `msg`, `file`); none means all must be k=v. */
  freeForm?: string;
  /** Command-like modules (command, shell, raw, script): only `COMMAND_OPTIONS` are split out of the text. */
  command?: boolean;
  /** set_fact: a key may be a template (`"{{ k }}={{ v }}"`), named when the task runs. */
  templatedKeys?: boolean;
}

/**
 * Parses Ansible's one-line argument text (`copy: src=a dest="b c"`) like its `parse_kv`: words are split as
 * `split_args` does, escapes (`\n`, `\"`, `\x41` …) are decoded, the key ends at the first unescaped `=` and one
 * pair of surrounding quotes is removed from the value. Words that are not `k=v` form the free-form argument,
 * keeping their original spacing; a module without one refuses them.
 */
export function parseKeyValueArgs(text: string, style: KeyValueStyle = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw: Array<ArgToken & { text: string }> = [];
  for (const word of splitArgTokens(text)) {
    const decoded = decodeEscapes(word.token);
    const eq = keyEnd(decoded);
    const key = eq > 0 ? decoded.slice(0, eq).trim() : '';
    const named = /^[A-Za-z_]\w*$/.test(key) || (style.templatedKeys === true && key.includes('{{'));
    if (!named || (style.command && !COMMAND_OPTIONS.has(key))) {
      const allEscaped = eq < 0 && decoded.includes('=');
      raw.push({ ...word, text: allEscaped ? decoded.replaceAll('\\=', '=') : word.token });
      continue;
    }
    out[key] = unquote(decoded.slice(eq + 1).trim());
  }
  if (raw.length === 0) return out;
  if (!style.freeForm) throw new Error(`expected key=value, got \`${raw[0].token}\``);
  out[style.freeForm] = joinRaw(text, raw);
  return out;
}

/** Where the key of a `k=v` word ends: the first `=` after the first character not preceded by `\`; -1 if none. */
function keyEnd(word: string): number {
  for (let i = 1; i < word.length; i++) if (word[i] === '=' && word[i - 1] !== '\\') return i;
  return -1;
}

/**
 * Joins the free-form words as Ansible's `join_args` does: original spacing between neighbours (a `\` ending a
 * line joins it to the next without the newline), one space where a `k=v` word was taken out, and the spacing
 * after the last word kept when nothing follows it (a `|` block's final newline is part of a shell command).
 */
function joinRaw(text: string, raw: Array<ArgToken & { text: string }>): string {
  const continued = (gap: string) => gap.replace(/\\\n/g, '');
  let out = raw[0].text;
  for (let i = 1; i < raw.length; i++) {
    const gap = text.slice(raw[i - 1].end, raw[i].start);
    const adjacent = gap.trim() === '' || gap.trim() === '\\';
    out += (adjacent ? continued(gap) : gap.includes('\n') ? '\n' : ' ') + raw[i].text;
  }
  const tail = text.slice(raw[raw.length - 1].end);
  return tail.trim() === '' ? out + continued(tail) : out;
}

/** Removes one pair of matching quotes around a value (Ansible's `unquote`), unless the last is escaped. */
function unquote(value: string): string {
  return value.length >= 2 &&
    (value[0] === '"' || value[0] === "'") &&
    value.at(-1) === value[0] &&
    value.at(-2) !== '\\'
    ? value.slice(1, -1)
    : value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes the escape sequences Ansible decodes in `k=v` words (Python's `\n`, `\"`, `\xHH`, `\uHHHH` …). */
export function decodeEscapes(word: string): string {
  return word.replace(
    /\\(?:U([0-9a-fA-F]{8})|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\\'"abfnrtv]))/g,
    (_all, u8?: string, u4?: string, x2?: string, simple?: string) => {
      const hex = u8 ?? u4 ?? x2;
      return hex !== undefined ? String.fromCodePoint(Number.parseInt(hex, 16)) : SIMPLE_ESCAPES[simple!];
    },
  );
}
