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

/** A template that could not be rendered: which variable, in which task and file:line. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  readonly kind = 'template';
  constructor(
    readonly code: 'undefined' | 'syntax' | 'filter' | 'type' | 'recursion' | 'vault',
    message: string,
    readonly where?: TemplateWhere,
    readonly variable?: string,
    /** A filter's own message (FilterError), which Ansible gives as the task's `msg` unchanged. */
    readonly filterMessage?: string,
  ) {
    super(message + describeWhere(where));
  }
}

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
    return new TemplateError('filter', text, where, undefined, text);
  }
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
    const name = /\{\{\s*([A-Za-z_][\w.]*)/.exec(message)?.[1];
    return new TemplateError(
      'undefined',
      `undefined variable${name ? ` \`${name}\`` : ''}: ${message}`,
      where,
      name,
    );
  }
  if (
    /unexpected|expected|parse|Template render error/i.test(message) &&
    !/Error: /.test(message.slice(0, 6))
  ) {
    return new TemplateError('syntax', `template error: ${message}`, where);
  }
  return new TemplateError('filter', `template error: ${message}`, where);
}
