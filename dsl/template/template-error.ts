import type { SourceLocation } from '../graph.js';
import { FilterError } from './filter-error.js';
import { MethodCallError } from './python-runtime.js';

/** Where a template is rendered, for error messages. */
export interface TemplateWhere {
  task?: string;
  host?: string;
  location?: SourceLocation;
  /** The folder of the role the task belongs to: lookups search its `files/` and `templates/` first. */
  rolePath?: string;
}

/** What went wrong in a template; `plugin` is a test or filter name that names none, met while rendering. */
export type TemplateErrorCode = 'undefined' | 'syntax' | 'plugin' | 'filter' | 'type' | 'recursion' | 'vault';

/** A template that could not be rendered: which variable, in which task and file:line. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  readonly kind = 'template';
  constructor(
    readonly code: TemplateErrorCode,
    /** The message in Ansible's words, without the task and place (`'x' is undefined`). */
    readonly detail: string,
    readonly where?: TemplateWhere,
    readonly variable?: string,
    /** A filter's own message (FilterError), which Ansible gives as the task's `msg` unchanged. */
    readonly filterMessage?: string,
    /** A Python TypeError's words (`argument of type 'int' is not iterable`), until the template is known. */
    readonly typeError?: string,
  ) {
    super(detail + describeWhere(where));
  }

  /** The Python exception Ansible raises for this failure: the `template` module's `msg` starts with its name. */
  get pythonType(): string {
    if (this.code === 'undefined') return 'AnsibleUndefinedVariable';
    if (this.code === 'plugin') return 'TemplateSyntaxError';
    if (this.code === 'filter' && this.filterMessage !== undefined) return 'AnsibleFilterError';
    return 'AnsibleError';
  }
}

/** Thrown for a test or filter name that names none; `load` when the template itself used it (`x | nope`). */
export class PluginNotFound extends Error {
  static override readonly name = 'PluginNotFound';
  override name = PluginNotFound.name;
  constructor(
    readonly plugin: string,
    readonly load: boolean,
  ) {
    super(
      `${load ? 'load' : 'use'}: Could not load "${plugin}": '${
        /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(plugin)
          ? plugin
          : `invalid plugin name: ${plugin.includes('.') ? plugin : `ansible.builtin.${plugin}`}`
      }'`,
    );
  }
}

/**
 * A syntax error (or a filter or test the template names that does not exist) as Ansible words it, naming the
 * template text: `template error while templating string: … String: {{ 1 + }}`; a Python TypeError as
 * `Unexpected templating type error occurred on ({{ 'a' in 5 }}): …`. Other errors are unchanged.
 */
export function withSource(error: TemplateError, source: string): TemplateError {
  if (error.typeError !== undefined)
    return new TemplateError(
      'type',
      `Unexpected templating type error occurred on (${source}): ${error.typeError}. ${error.typeError}`,
      error.where,
    );
  if (error.code !== 'syntax' || error.detail.startsWith(SOURCED)) return error;
  return new TemplateError(
    'syntax',
    `${SOURCED}${error.detail}. String: ${source}`,
    error.where,
    error.variable,
  );
}

const SOURCED = 'template error while templating string: ';

function describeWhere(where?: TemplateWhere): string {
  if (!where) return '';
  const task = where.task ? ` in task "${where.task}"` : '';
  const loc = where.location
    ? ` (${where.location.file}:${where.location.line}:${where.location.column})`
    : '';
  return `${task}${loc}`;
}

/** Turns an error thrown while rendering into a TemplateError naming what went wrong (undefined, syntax …). */
export function translate(error: Error, where?: TemplateWhere): TemplateError {
  if (error instanceof TemplateError) return error;
  const inner = (error as { cause?: unknown }).cause;
  if (inner instanceof TemplateError) return inner;
  // nunjucks rethrows a plain Error holding only the message (its cause is dropped outside `dev` mode).
  const call = new RegExp(`${MethodCallError.name}: ([\\s\\S]*)$`).exec(error.message);
  if (call) return new TemplateError('type', call[1].replace(/\s+/g, ' ').trim(), where);
  const refused = new RegExp(`${FilterError.name}: ([\\s\\S]*)$`).exec(error.message);
  if (refused) {
    const text = refused[1].replace(/\n\s*$/, '');
    // Ansible reads a filter's type error about an undefined value as an undefined variable
    if (text.includes('AnsibleUndefined'))
      return new TemplateError(
        'undefined',
        `Unable to look up a name or access an attribute in template string. Make sure your variable name does not contain invalid characters like '-': ${text}`,
        where,
      );
    return new TemplateError('filter', text, where, undefined, text);
  }
  const missing = new RegExp(`${PluginNotFound.name}: (load|use): ([\\s\\S]*)$`).exec(error.message);
  if (missing)
    return new TemplateError(missing[1] === 'load' ? 'syntax' : 'plugin', missing[2].trim(), where);
  if (/Error: undefined$/.test(error.message.trim()))
    return new TemplateError('undefined', 'undefined', where);
  const message = error.message
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const undefinedMatch =
    /attempted to output null or undefined value|is undefined|Cannot read properties of undefined/.exec(
      message,
    );
  if (undefinedMatch) {
    const name = /\{\{\s*([A-Za-z_]\w*)/.exec(message)?.[1];
    return new TemplateError('undefined', name ? `'${name}' is undefined` : message, where, name);
  }
  if (
    /unexpected|expected|parse|Template render error/i.test(message) &&
    !/Error: /.test(message.slice(0, 6))
  ) {
    return new TemplateError('syntax', message.replace(/^\[Line \d+, Column \d+\]\s*/, ''), where);
  }
  return new TemplateError('filter', message.replace(/^(?:\[Line \d+, Column \d+\]\s*)?Error: /, ''), where);
}
