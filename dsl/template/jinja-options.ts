import { literalEval } from './python-literal.js';
import { TemplateError } from './template-error.js';

/**
 * Jinja2 environment settings one render may change: the `template` module's options, the template lookup's
 * delimiters and a template's own `#jinja2:` first line. Unset ones keep Ansible's defaults (`{{ }}`, `{% %}`,
 * `{# #}`, trim_blocks on, lstrip_blocks off, `\n`).
 */
export interface JinjaOptions {
  blockStart?: string;
  blockEnd?: string;
  variableStart?: string;
  variableEnd?: string;
  commentStart?: string;
  commentEnd?: string;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  /** What each newline of the template's own text is written as (`\n`, `\r` or `\r\n`). */
  newlineSequence?: string;
  /** Keep the template's last newline (Jinja2's `keep_trailing_newline`). */
  keepTrailingNewline?: boolean;
  /** A line starting with this prefix is a statement (`# for x in y` → `{% for x in y %}`). */
  lineStatementPrefix?: string;
  /** From this prefix to the end of the line is a comment. */
  lineCommentPrefix?: string;
}

/** Jinja2's attribute names of the settings a `#jinja2:` line may give, as JinjaOptions keys. */
const HEADER_KEYS: Record<string, keyof JinjaOptions> = {
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  newline_sequence: 'newlineSequence',
  keep_trailing_newline: 'keepTrailingNewline',
  line_statement_prefix: 'lineStatementPrefix',
  line_comment_prefix: 'lineCommentPrefix',
};

const HEADER = '#jinja2:';

/**
 * A template's `#jinja2: key: value, …` first line (values are Python literals) applied over `options`, and the
 * text without that line, as Ansible's do_template reads it. A pair without a colon fails as Ansible's does;
 * settings Spindle's engine has no use for (`autoescape` …) are accepted and ignored.
 */
export function withTemplateHeader(
  text: string,
  options: JinjaOptions,
): { text: string; options: JinjaOptions } {
  if (!text.startsWith(HEADER)) return { text, options };
  const eol = text.indexOf('\n');
  // Python's `find` gives -1 without a newline: the slices then drop the last character and keep the whole text.
  const line = eol === -1 ? text.slice(HEADER.length, -1) : text.slice(HEADER.length, eol);
  const merged: JinjaOptions = { ...options };
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon === -1)
      throw new TemplateError(
        'syntax',
        `failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`,
      );
    const key = pair.slice(0, colon).trim();
    const raw = pair.slice(colon + 1).trim();
    const value = literalEval(raw);
    if (value === undefined)
      throw new TemplateError('syntax', `malformed node or string in the jinja2 override of ${key}: ${raw}`);
    const option = HEADER_KEYS[key];
    if (option) (merged as Record<string, unknown>)[option] = value;
  }
  return { text: eol === -1 ? text : text.slice(eol + 1), options: merged };
}

/** True when a render needs an environment other than the default one. */
export function changesEnvironment(options: JinjaOptions): boolean {
  return Object.values(options).some((value) => value !== undefined);
}
