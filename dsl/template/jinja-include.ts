import nunjucks from 'nunjucks';

/**
 * Jinja2's `{% include 'x' [ignore missing] [with context | without context] %}`: nunjucks' include takes no
 * context clause. `with context` is what nunjucks does anyway; `without context` is accepted, and the included
 * template still sees the variables (Jinja2 would give it the globals only).
 */

interface Token {
  value: string;
  lineno: number;
  colno: number;
}

interface ParserThis {
  peekToken(): Token;
  skipSymbol(name: string): boolean;
  fail(message: string, lineno?: number, colno?: number): never;
  parseExpression(): unknown;
  advanceAfterBlockEnd(name: string): void;
}

interface Internals {
  nodes: Record<string, new (lineno: number, colno: number) => Record<string, unknown>>;
  parser: { Parser: { prototype: Record<string, unknown> } };
}

let installed = false;

/** Patches nunjucks' `include` statement with Jinja2's context clause (idempotent). */
export function installJinjaInclude(): void {
  if (installed) return;
  installed = true;
  const { nodes, parser } = nunjucks as unknown as Internals;
  parser.Parser.prototype.parseInclude = function (this: ParserThis) {
    const tag = this.peekToken();
    if (!this.skipSymbol('include')) this.fail('parseInclude: expected include');
    const node = new nodes.Include(tag.lineno, tag.colno);
    node.template = this.parseExpression();
    if (this.skipSymbol('ignore') && this.skipSymbol('missing')) node.ignoreMissing = true;
    if (this.skipSymbol('with') || this.skipSymbol('without')) {
      if (!this.skipSymbol('context'))
        this.fail('expected context after with or without', tag.lineno, tag.colno);
    }
    this.advanceAfterBlockEnd(tag.value);
    return node;
  };
}
