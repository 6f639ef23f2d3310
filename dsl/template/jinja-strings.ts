import nunjucks from 'nunjucks';

/**
 * String literals in templates as Jinja2 reads them (Python's `unicode_escape`): nunjucks knows only `\n`, `\t`
 * and `\r` and drops the backslash of every other escape, so `regex_findall('\d+')` would search for `d+`.
 * Python keeps unknown escapes (`\d`, `\s`, `\.`) as written and decodes `\\`, `\'`, `\"`, `\a` `\b` `\f` `\v`,
 * octal `\ooo`, `\xhh`, `\uXXXX` and `\UXXXXXXXX`.
 */

interface TokenizerThis {
  str: string;
  index: number;
  current(): string;
  forward(): void;
  isFinished(): boolean;
}

const SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

let installed = false;

/** Replaces nunjucks' string-literal scanner with Python's escape rules (idempotent). */
export function installPythonStrings(): void {
  if (installed) return;
  installed = true;
  const lexer = (nunjucks as unknown as { lexer: { lex(src: string): object } }).lexer;
  const proto = Object.getPrototypeOf(lexer.lex('')) as Record<string, unknown>;
  proto._parseString = function (this: TokenizerThis, delimiter: string): string {
    this.forward();
    let out = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      const cur = this.current();
      this.forward();
      if (cur !== '\\' || this.isFinished()) {
        out += cur;
        continue;
      }
      out += decodeEscape(this);
    }
    this.forward();
    return out;
  };
}

/** Decodes the escape after a backslash (the tokenizer stands on its first character) and moves past it. */
function decodeEscape(t: TokenizerThis): string {
  const c = t.current();
  if (c in SIMPLE) {
    t.forward();
    return SIMPLE[c];
  }
  const rest = t.str.slice(t.index);
  const octal = /^[0-7]{1,3}/.exec(rest);
  if (octal) {
    for (const _ of octal[0]) t.forward();
    return String.fromCodePoint(Number.parseInt(octal[0], 8));
  }
  const width = HEX_DIGITS[c];
  const hex = width ? new RegExp(`^.[0-9A-Fa-f]{${width}}`).exec(rest) : null;
  if (hex) {
    for (const _ of hex[0]) t.forward();
    return String.fromCodePoint(Number.parseInt(hex[0].slice(1), 16));
  }
  t.forward();
  return `\\${c}`;
}
