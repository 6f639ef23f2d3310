import nunjucks from 'nunjucks';
import { installPythonStrings } from './jinja-strings.js';
import { pySlice, pySubtract } from './python-slices.js';

/**
 * Jinja2 syntax nunjucks lacks, patched into its parser and compiler once. nunjucks' own `installJinjaCompat()`
 * is not used: it also replaces `memberLookup` with mutating list/dict methods (`append`, `pop` …) that would
 * shadow python-runtime.ts, and its slices return lists for strings. This patch adds only:
 * - `True`, `False`, `None` as literals (Jinja2 also keeps `true`/`false`/`none`);
 * - slices `x[1:]`, `x[:2]`, `x[::-1]` with Python's rules, on lists and strings; negative indexes `x[-1]`;
 * - tests with one argument without parentheses (`x is sameas y`, `x is divisibleby 3`) and tests with several
 *   arguments (`v is version('1.2', '>=')`), which nunjucks compiles without commas;
 * - `-` between two datetimes (`to_datetime`) giving a timedelta, as in Python;
 * - `x.0.name` (nunjucks reads `0.` as a float), `x.null`/`x.true` as attributes, and Python's string escapes
 *   (jinja-strings.ts);
 * - tuples: `()` and `(a, b)` are lists, as Jinja2's tuples print and compare like them here.
 */

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

interface ParserThis {
  peekToken(): Token;
  nextToken(): Token;
  skip(type: string): boolean;
  skipSymbol(name: string): boolean;
  skipValue(type: string, value: string): boolean;
  expect(type: string): Token;
  fail(message: string, lineno?: number, colno?: number): never;
  parseExpression(): unknown;
  parseCompare(): unknown;
  parsePrimary(noPostfix?: boolean): unknown;
  parsePostfix(node: unknown): unknown;
  parseSignature(): unknown;
  pushToken(tok: Token): void;
}

type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => object;

interface Internals {
  runtime: Record<string, unknown> & { memberLookup(obj: unknown, name: unknown): unknown };
  lexer: Record<string, string>;
  nodes: Record<string, NodeClass>;
  parser: { Parser: { prototype: Record<string, unknown> } };
  compiler: { Compiler: { prototype: Record<string, unknown> } };
}

interface CompilerThis {
  _emit(code: string): void;
  _compileExpression(node: unknown, frame: unknown): void;
  _compileAggregate(node: unknown, frame: unknown, start: string, end: string): void;
  compile(node: unknown, frame: unknown): void;
}

const LITERALS = new Map<string, boolean | null>([
  ['True', true],
  ['False', false],
  ['None', null],
]);

let installed = false;

/** Installs the Jinja2 syntax patches on nunjucks (idempotent; the Templar calls it). */
export function installJinjaSyntax(): void {
  if (installed) return;
  installed = true;
  installPythonStrings();
  const { runtime, lexer, nodes, parser, compiler } = nunjucks as unknown as Internals;
  const P = parser.Parser.prototype;
  const C = compiler.Compiler.prototype;

  const parsePrimary = P.parsePrimary as (this: ParserThis, noPostfix?: boolean) => unknown;
  P.parsePrimary = function (this: ParserThis, noPostfix?: boolean) {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_SYMBOL && LITERALS.has(tok.value)) {
      this.nextToken();
      const node = new nodes.Literal(tok.lineno, tok.colno, LITERALS.get(tok.value));
      return noPostfix ? node : this.parsePostfix(node);
    }
    return parsePrimary.call(this, noPostfix);
  };

  P.parsePostfix = function (this: ParserThis, node: unknown) {
    let current = node;
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === lexer.TOKEN_LEFT_PAREN) {
        current = new nodes.FunCall(tok.lineno, tok.colno, current, this.parseSignature());
      } else if (tok?.type === lexer.TOKEN_LEFT_BRACKET) {
        current = parseSubscript(this, tok, current);
      } else if (tok?.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        const val = this.nextToken();
        if (val?.type === lexer.TOKEN_FLOAT && /^\d+\.\d*$/.test(val.value)) {
          // `x.0.name` / `x.0.1`: the lexer read `0.` or `0.1` as one float; they are one or two indexes.
          const [first, second] = val.value.split('.');
          current = new nodes.LookupVal(
            tok.lineno,
            tok.colno,
            current,
            new nodes.Literal(val.lineno, val.colno, Number(first)),
          );
          if (second)
            current = new nodes.LookupVal(
              tok.lineno,
              tok.colno,
              current,
              new nodes.Literal(val.lineno, val.colno, Number(second)),
            );
          else this.pushToken({ ...tok, type: lexer.TOKEN_OPERATOR, value: '.' });
          continue;
        }
        // `foo.null`, `foo.true`: Jinja2 reads any name after a dot as an attribute, nunjucks' literals too.
        const named = [lexer.TOKEN_SYMBOL, lexer.TOKEN_NONE, lexer.TOKEN_BOOLEAN].includes(val?.type);
        if (!named && val?.type !== lexer.TOKEN_INT)
          this.fail(`expected name as lookup value, got ${val?.value}`, val?.lineno, val?.colno);
        const key = val.type === lexer.TOKEN_INT ? Number(val.value) : val.value;
        current = new nodes.LookupVal(
          tok.lineno,
          tok.colno,
          current,
          new nodes.Literal(val.lineno, val.colno, key),
        );
      } else return current;
    }
  };

  /** `[index]` or a slice `[start:stop:step]` (any part may be left out). */
  function parseSubscript(self: ParserThis, tok: Token, target: unknown): unknown {
    self.nextToken();
    const parts: unknown[] = [null];
    while (!self.skip(lexer.TOKEN_RIGHT_BRACKET)) {
      if (self.skip(lexer.TOKEN_COLON)) {
        if (parts.length === 3) self.fail('a slice has at most three parts', tok.lineno, tok.colno);
        parts.push(null);
      } else if (parts[parts.length - 1] === null) {
        parts[parts.length - 1] = self.parseExpression();
      } else self.fail('expected `]` or `:` in a subscript', tok.lineno, tok.colno);
    }
    if (parts.length === 1) {
      if (parts[0] === null) self.fail('expected an index between `[` and `]`', tok.lineno, tok.colno);
      return new nodes.LookupVal(tok.lineno, tok.colno, target, parts[0]);
    }
    while (parts.length < 3) parts.push(null);
    const bounds = parts.map((p) => p ?? new nodes.Literal(tok.lineno, tok.colno, null));
    const lookup = new nodes.LookupVal(
      tok.lineno,
      tok.colno,
      target,
      new nodes.Array(tok.lineno, tok.colno, bounds),
    );
    (lookup as { pySlice?: boolean }).pySlice = true;
    return lookup;
  }

  P.parseIs = function (this: ParserThis) {
    let node = this.parseCompare() as { lineno: number; colno: number };
    if (!this.skipSymbol('is')) return node;
    const not = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (![lexer.TOKEN_SYMBOL, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE].includes(nameTok?.type))
      this.fail('expected the name of a test after `is`', nameTok?.lineno, nameTok?.colno);
    let name = nameTok.value;
    while (this.skipValue(lexer.TOKEN_OPERATOR, '.')) name += `.${this.expect(lexer.TOKEN_SYMBOL).value}`;
    const symbol = new nodes.Symbol(nameTok.lineno, nameTok.colno, name);
    const next = this.peekToken();
    let args: unknown;
    if (next?.type === lexer.TOKEN_LEFT_PAREN) args = this.parseSignature();
    else if (next && startsBareArgument(next, lexer)) {
      const arg = this.parsePrimary();
      args = new nodes.NodeList(next.lineno, next.colno, [arg]);
    }
    const right = args ? new nodes.FunCall(nameTok.lineno, nameTok.colno, symbol, args) : symbol;
    node = new nodes.Is(node.lineno, node.colno, node, right) as typeof node;
    return not ? new nodes.Not(node.lineno, node.colno, node) : node;
  };

  C.compileIs = function (
    this: CompilerThis,
    node: { left: unknown; right: { name?: { value: string }; value?: string; args?: unknown } },
    frame: unknown,
  ) {
    const name = node.right.name ? node.right.name.value : node.right.value;
    this._emit(`env.getTest(${JSON.stringify(name)}).call(context, `);
    this.compile(node.left, frame);
    if (node.right.args) {
      this._emit(', ');
      this._compileAggregate(node.right.args, frame, '', '');
    }
    this._emit(') === true');
  };

  const compileLookupVal = C.compileLookupVal as (this: CompilerThis, node: unknown, frame: unknown) => void;
  C.compileLookupVal = function (
    this: CompilerThis,
    node: { pySlice?: boolean; target: unknown; val: { children: unknown[] } },
    frame: unknown,
  ) {
    if (!node.pySlice) return compileLookupVal.call(this, node, frame);
    this._emit('runtime.pySlice((');
    this._compileExpression(node.target, frame);
    for (const bound of node.val.children) {
      this._emit('),(');
      this._compileExpression(bound, frame);
    }
    this._emit('))');
  };

  C.compileSub = function (this: CompilerThis, node: { left: unknown; right: unknown }, frame: unknown) {
    this._emit('runtime.pySubtract(');
    this.compile(node.left, frame);
    this._emit(', ');
    this.compile(node.right, frame);
    this._emit(')');
  };

  // `()` and `(a, b)` are tuples (lists here); nunjucks would emit JavaScript's `()` or comma operator.
  const compileGroup = C.compileGroup as (
    this: CompilerThis,
    node: { children: unknown[] },
    frame: unknown,
  ) => void;
  C.compileGroup = function (this: CompilerThis, node: { children: unknown[] }, frame: unknown) {
    if (node.children.length === 1) return compileGroup.call(this, node, frame);
    this._compileAggregate(node, frame, '[', ']');
  };

  runtime.pySlice = pySlice;
  runtime.pySubtract = pySubtract;
  const memberLookup = runtime.memberLookup;
  runtime.memberLookup = (obj, name) => {
    if (typeof name === 'number' && name < 0 && (Array.isArray(obj) || typeof obj === 'string'))
      return memberLookup(obj, name + obj.length);
    return memberLookup(obj, name);
  };
}

/** Jinja2's rule for a test argument written without parentheses (`is divisibleby 3`, `is sameas x`). */
function startsBareArgument(tok: Token, lexer: Record<string, string>): boolean {
  if (tok.type === lexer.TOKEN_SYMBOL)
    return !['else', 'or', 'and', 'if', 'is', 'in', 'not'].includes(tok.value);
  return [
    lexer.TOKEN_STRING,
    lexer.TOKEN_INT,
    lexer.TOKEN_FLOAT,
    lexer.TOKEN_BOOLEAN,
    lexer.TOKEN_NONE,
    lexer.TOKEN_LEFT_BRACKET,
    lexer.TOKEN_LEFT_CURLY,
  ].includes(tok.type);
}
