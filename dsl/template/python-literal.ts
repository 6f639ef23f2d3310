/**
 * Python's `ast.literal_eval` for the literals a template's text can hold: dicts, lists, tuples (as lists),
 * quoted strings, numbers, `True`/`False`/`None` (and JSON's `true`/`false`/`null`, as Ansible maps them).
 * Returns undefined when the text is not one literal.
 */
export function literalEval(text: string): unknown {
  const parser = new LiteralParser(text);
  try {
    const value = parser.value();
    parser.space();
    return parser.atEnd() ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ansible's conversion of a rendered template's text (`ansible_eval_concat`): text that starts with `{` or `[`,
 * or is `True`/`False`, becomes the data it spells when it is a literal; anything else stays text.
 */
export function convertRenderedText(text: string): unknown {
  if (!(text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False')) return text;
  const value = literalEval(text);
  return value === undefined ? text : value;
}

const NAMES: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};

/** Python's integer spellings beyond decimal: hexadecimal, octal and binary (`0x1F`, `0o755`, `0b10`). */
const PREFIXED_INT = /^[-+]?0(?:[xX][\da-fA-F_]+|[oO][0-7_]+|[bB][01_]+)/;

/**
 * `ansible_native_concat`'s reading of rendered text (jinja2_native): the value it spells as a Python literal
 * (Python's names only, no JSON `true`/`null`; a leading space or tab is an indentation error, so text), a string
 * literal keeping its quotes (`'a'` stays `'a'`), and any other text as it is.
 */
export function nativeLiteral(text: string): unknown {
  if (/^[ \t]/.test(text)) return text;
  const parser = new LiteralParser(text, true);
  try {
    const value = parser.value();
    parser.space();
    if (!parser.atEnd()) return text;
    return typeof value === 'string' ? `${text[0]}${value}${text[0]}` : value;
  } catch {
    return text;
  }
}

class LiteralParser {
  private at = 0;
  /** `python`: only Python's own spellings (no JSON names, no leading zeros), as `ast.literal_eval` reads them. */
  constructor(
    private readonly text: string,
    private readonly python = false,
  ) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.at] !== char) throw new Error(`expected ${char}`);
    this.at++;
  }

  private sequence<T>(close: string, item: () => T): T[] {
    const out: T[] = [];
    this.space();
    while (this.text[this.at] !== close) {
      out.push(item());
      this.space();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== close) throw new Error('expected ,');
      this.space();
    }
    this.at++;
    return out;
  }

  value(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '{') {
      this.at++;
      return Object.fromEntries(
        this.sequence('}', () => {
          const key = this.value();
          this.expect(':');
          return [String(key), this.value()];
        }),
      );
    }
    if (c === '[' || c === '(') {
      this.at++;
      return this.sequence(c === '[' ? ']' : ')', () => this.value());
    }
    if (c === '"' || c === "'") return this.string(c);
    const prefixed = this.python ? PREFIXED_INT.exec(this.text.slice(this.at))?.[0] : undefined;
    if (prefixed) {
      this.at += prefixed.length;
      const digits = prefixed.replace(/[-+_]/g, '');
      return (prefixed.startsWith('-') ? -1 : 1) * Number(digits.toLowerCase());
    }
    const word = /^[-+]?(?:\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|^[A-Za-z_]\w*/.exec(
      this.text.slice(this.at),
    )?.[0];
    if (!word) throw new Error('unexpected character');
    this.at += word.length;
    if (word in NAMES && (!this.python || /^[A-Z]/.test(word))) return NAMES[word];
    // Python reads `0755` as a syntax error (leading zeros), so the text stays text
    if (this.python && /^[-+]?0+[1-9][\d_]*$/.test(word)) throw new Error(`leading zeros: ${word}`);
    const n = Number(word.replace(/_/g, ''));
    if (Number.isNaN(n)) throw new Error(`not a literal: ${word}`);
    return n;
  }

  private string(quote: string): string {
    this.at++;
    let out = '';
    const escapes: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '0': '\0',
    };
    while (this.text[this.at] !== quote) {
      if (this.atEnd()) throw new Error('unterminated string');
      const c = this.text[this.at++];
      if (c !== '\\') out += c;
      else {
        const e = this.text[this.at++];
        if (e === 'u' || e === 'x') {
          const size = e === 'u' ? 4 : 2;
          out += String.fromCharCode(Number.parseInt(this.text.slice(this.at, this.at + size), 16));
          this.at += size;
        } else out += escapes[e] ?? `\\${e}`;
      }
    }
    this.at++;
    return out;
  }
}
