import nunjucks from 'nunjucks';

interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

type NodeClass = new (lineno: number, colno: number, ...fields: unknown[]) => { addChild?(n: unknown): void };

interface ParserThis {
  peekToken(): Token;
  nextToken(): Token;
  skip(type: string): boolean;
  skipValue(type: string, value: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parseExpression(): { lineno: number; colno: number };
}

interface Internals {
  runtime: { callWrap(obj: unknown, name: string, context: unknown, args: unknown[]): unknown };
  lexer: Record<string, string>;
  nodes: Record<string, NodeClass>;
  parser: { Parser: { prototype: Record<string, unknown> } };
}

/** The items of a `*expr` argument, spread into the call's positional arguments when it is made. */
class Spread {
  constructor(readonly items: unknown[]) {}
}

const SPREAD = '__spread';
let installed = false;

/**
 * Jinja2's `f(a, *items, key=value)`: nunjucks' parser knows no `*` argument. Each is parsed as a call of the
 * `__spread` global, whose result the call expands in place (keyword arguments stay last, as nunjucks passes them).
 */
export function installStarArguments(env: nunjucks.Environment): void {
  env.addGlobal(
    SPREAD,
    (items: unknown) => new Spread(Array.isArray(items) ? items : [...(items as string)]),
  );
  if (installed) return;
  installed = true;
  const { runtime, lexer, nodes, parser } = nunjucks as unknown as Internals;
  const callWrap = runtime.callWrap;
  runtime.callWrap = (obj, name, context, args) =>
    callWrap(
      obj,
      name,
      context,
      args.some((a) => a instanceof Spread)
        ? args.flatMap((a) => (a instanceof Spread ? a.items : [a]))
        : args,
    );

  parser.Parser.prototype.parseSignature = function (
    this: ParserThis,
    tolerant?: boolean,
    noParens?: boolean,
  ) {
    let tok = this.peekToken();
    if (!noParens && tok.type !== lexer.TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail('expected arguments', tok.lineno, tok.colno);
    }
    if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = new nodes.NodeList(tok.lineno, tok.colno);
    const kwargs = new nodes.KeywordArgs(tok.lineno, tok.colno);
    let checkComma = false;
    for (;;) {
      tok = this.peekToken();
      if (!noParens && tok.type === lexer.TOKEN_RIGHT_PAREN) {
        this.nextToken();
        break;
      }
      if (noParens && tok.type === lexer.TOKEN_BLOCK_END) break;
      if (checkComma && !this.skip(lexer.TOKEN_COMMA))
        this.fail('parseSignature: expected comma after expression', tok.lineno, tok.colno);
      else if (this.skipValue(lexer.TOKEN_OPERATOR, '*')) {
        const items = this.parseExpression();
        const list = new nodes.NodeList(items.lineno, items.colno);
        list.addChild?.(items);
        const callee = new nodes.Symbol(items.lineno, items.colno, SPREAD);
        args.addChild?.(new nodes.FunCall(items.lineno, items.colno, callee, list));
      } else {
        const arg = this.parseExpression();
        if (this.skipValue(lexer.TOKEN_OPERATOR, '='))
          kwargs.addChild?.(new nodes.Pair(arg.lineno, arg.colno, arg, this.parseExpression()));
        else args.addChild?.(arg);
      }
      checkComma = true;
    }
    if ((kwargs as unknown as { children: unknown[] }).children.length) args.addChild?.(kwargs);
    return args;
  };
}
