import nunjucks from 'nunjucks';
import type { JinjaOptions } from './jinja-options.js';

/**
 * Jinja2 lexing rules nunjucks' lexer lacks, patched in once:
 * - trim_blocks also drops the newline after a comment (`{# … #}\n`), and lstrip_blocks also strips the
 *   spaces and tabs before a comment that starts a line, as both do for blocks;
 * - `newlineSequence` (a nunjucks option of Spindle's own): the newlines of the template's text are written as
 *   that sequence; the newlines inside values the template outputs are not touched;
 * - a comment end outside a comment (`{# a {# b #} #}`: comments do not nest) is text, not an error.
 */

interface Token {
  type: string;
  value: string;
}

interface TokenizerThis {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  index: number;
  lineno: number;
  colno: number;
  tags: { COMMENT_START: string; COMMENT_END: string };
  newlineSequence?: string;
  current(): string;
  forward(): void;
  nextToken(): Token | null;
  _matches(text: string): boolean;
}

interface LexerModule {
  lex(src: string, opts?: { newlineSequence?: string }): TokenizerThis;
  TOKEN_DATA: string;
  TOKEN_COMMENT: string;
}

let installed = false;

/** Patches nunjucks' lexer with Jinja2's comment trimming and newline_sequence (idempotent). */
export function installJinjaLexer(): void {
  if (installed) return;
  installed = true;
  const lexer = (nunjucks as unknown as { lexer: LexerModule }).lexer;
  const lex = lexer.lex;
  lexer.lex = (src, opts) => {
    const tokenizer = lex(src, opts);
    if (opts?.newlineSequence && opts.newlineSequence !== '\n')
      tokenizer.newlineSequence = opts.newlineSequence;
    return tokenizer;
  };
  const proto = Object.getPrototypeOf(lex('')) as { nextToken(this: TokenizerThis): Token | null };
  const nextToken = proto.nextToken;
  proto.nextToken = function (this: TokenizerThis): Token | null {
    const token = nextTokenOrText(this, nextToken);
    if (!token) return token;
    if (token.type === lexer.TOKEN_COMMENT && this.trimBlocks) skipNewline(this);
    if (token.type !== lexer.TOKEN_DATA) return token;
    if (this.lstripBlocks && this._matches(this.tags.COMMENT_START)) {
      const line = this.colno > 0 && this.colno <= token.value.length ? token.value.slice(-this.colno) : '';
      if (/^[ \t]+$/.test(line)) token.value = token.value.slice(0, -this.colno);
      if (token.value === '') return this.nextToken();
    }
    if (this.newlineSequence) token.value = token.value.replace(/\r\n|\r|\n/g, this.newlineSequence);
    return token;
  };
}

/** The next token, reading a comment end met outside a comment as text as Jinja2 does (nunjucks throws). */
function nextTokenOrText(
  tokenizer: TokenizerThis,
  nextToken: (this: TokenizerThis) => Token | null,
): Token | null {
  const { index, lineno, colno } = tokenizer;
  try {
    return nextToken.call(tokenizer);
  } catch (error) {
    if (!(error instanceof Error) || error.message !== 'unexpected end of comment') throw error;
    Object.assign(tokenizer, { index, lineno, colno });
    const end = tokenizer.tags.COMMENT_END;
    tokenizer.tags.COMMENT_END = '\u0000'; // matches nothing in text: the data runs on to the next tag
    try {
      return nextToken.call(tokenizer);
    } finally {
      tokenizer.tags.COMMENT_END = end;
    }
  }
}

function skipNewline(tokenizer: TokenizerThis): void {
  if (tokenizer.current() === '\r') tokenizer.forward();
  if (tokenizer.current() === '\n') tokenizer.forward();
}

/**
 * The template's text with Jinja2's line statements (`<prefix> for x in y` on a line of its own, up to and with
 * the newlines after it) turned into blocks, and its line comments (from the prefix to the end of the line,
 * with the blanks before it) removed. Text without either prefix set is returned as it is.
 */
export function expandLinePrefixes(text: string, options: JinjaOptions): string {
  let out = text;
  if (options.lineCommentPrefix) {
    const prefix = escapeRegExp(options.lineCommentPrefix);
    out = out.replace(new RegExp(`(^|(?<=\\S))[^\\S\\r\\n]*${prefix}.*?(?=\\n|$)`, 'gm'), '');
  }
  if (options.lineStatementPrefix) {
    const prefix = escapeRegExp(options.lineStatementPrefix);
    const start = options.blockStart ?? '{%';
    const end = options.blockEnd ?? '%}';
    out = out.replace(
      new RegExp(`^[ \\t\\v]*${prefix}(.*?)\\s*(?:\\n|$)`, 'gm'),
      (_, statement: string) => `${start} ${statement} ${end}`,
    );
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
