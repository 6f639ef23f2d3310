/**
 * Ansible reads INI inventory values with Python's `ast.literal_eval`, keeping the text when it is not a
 * literal: `8080` is a number, `[1, 'a']` a list, `True` a boolean, but `yes`, `true` and `0.0.0.0` stay
 * strings. This is that subset of Python's literal syntax (numbers, quoted strings, True/False/None, lists,
 * tuples, dicts, sets); anything else returns the text unchanged. Pure.
 */
export function pythonLiteral(text: string): unknown {
  const parser = new LiteralParser(text);
  try {
    const value = parser.value();
    parser.space();
    return parser.done() ? value : text;
  } catch {
    return text;
  }
}

const D = '\\d(?:_?\\d)*';
const NUMBERS = [
  /^[+-]?0[xX](?:_?[0-9a-fA-F])+/,
  /^[+-]?0[oO](?:_?[0-7])+/,
  /^[+-]?0[bB](?:_?[01])+/,
  new RegExp(`^[+-]?(?:${D}\\.(?:${D})?|\\.${D})(?:[eE][+-]?${D})?`),
  new RegExp(`^[+-]?${D}[eE][+-]?${D}`),
  /^[+-]?(?:[1-9](?:_?\d)*|0(?:_?0)*)(?![\w.])/,
];

class LiteralParser {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at === this.text.length;
  }

  space(): void {
    while (this.at < this.text.length && ' \t'.includes(this.text[this.at])) this.at++;
  }

  value(): unknown {
    if (this.at === 0 && /^\s/.test(this.text)) throw new Error('leading space');
    this.space();
    const c = this.text[this.at];
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.sequence(')');
    if (c === '{') return this.mapping();
    if (c === '"' || c === "'") return this.string();
    const word = /^(True|False|None)(?![\w])/.exec(this.text.slice(this.at));
    if (word) {
      this.at += word[1].length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : null;
    }
    const rest = this.text.slice(this.at);
    const number = NUMBERS.map((re) => re.exec(rest)?.[0]).find((m) => m !== undefined);
    if (number === undefined || /^[\w.]/.test(rest.slice(number.length))) throw new Error('not a literal');
    this.at += number.length;
    const digits = number.replaceAll('_', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const bare = digits.replace(/^[+-]/, '');
    return /^0[xXoObB]/.test(bare) ? sign * Number(bare.toLowerCase()) : Number(digits);
  }

  private expect(c: string): void {
    this.space();
    if (this.text[this.at] !== c) throw new Error(`expected ${c}`);
    this.at++;
  }

  private peek(): string | undefined {
    this.space();
    return this.text[this.at];
  }

  private sequence(close: string): unknown[] {
    this.at++;
    const out: unknown[] = [];
    while (this.peek() !== close) {
      out.push(this.value());
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== close) throw new Error('expected ,');
    }
    this.at++;
    return out;
  }

  private mapping(): unknown {
    this.at++;
    const out: Record<string, unknown> = {};
    const set: unknown[] = [];
    while (this.peek() !== '}') {
      const key = this.value();
      if (this.peek() === ':') {
        this.at++;
        out[String(key)] = this.value();
      } else set.push(key);
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== '}') throw new Error('expected ,');
    }
    this.expect('}');
    if (set.length > 0 && Object.keys(out).length > 0) throw new Error('mixed set and dict');
    return set.length > 0 ? set : out;
  }

  private string(): string {
    const quote = this.text[this.at++];
    let out = '';
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at];
      if (c === quote) {
        this.at++;
        return out;
      }
      if (c === '\\') {
        const next = this.text[++this.at];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === '0' ? '\0' : next;
      } else out += c;
    }
    throw new Error('unterminated string');
  }
}
