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

class LiteralParser {
  private at = 0;
  constructor(private readonly text: string) {}

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
    const word = /^[-+]?(?:\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|^[A-Za-z_]\w*/.exec(
      this.text.slice(this.at),
    )?.[0];
    if (!word) throw new Error('unexpected character');
    this.at += word.length;
    if (word in NAMES) return NAMES[word];
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
