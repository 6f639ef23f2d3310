import type nunjucks from 'nunjucks';
import { takeMissedAttribute } from './python-runtime.js';
import { TemplateError } from './template-error.js';

const SINGLE_EXPRESSION = /^\{\{\s*((?:(?!\}\}|\{\{).)*?)\s*\}\}$/s;

/** The expression of a string that is exactly one `{{ expr }}` (it keeps its native type), else undefined. */
export function singleExpression(text: string): string | undefined {
  return SINGLE_EXPRESSION.exec(text)?.[1];
}

/**
 * Evaluates one expression to its native value (a list stays a list, not its text): the expression is
 * rendered through a `__capture` filter that keeps the value aside and outputs nothing; an undefined value fails.
 */
export class NativeCapture {
  private captured: unknown;

  /** Adds the `__capture` filter to `env` (one capture per environment). */
  constructor(env: nunjucks.Environment) {
    env.addFilter('__capture', (value: unknown) => {
      if (value === undefined) throw new TemplateError('undefined', 'undefined');
      this.captured = value;
      return '';
    });
  }

  /** Renders `expression` with `renderText` (the caller's scope and place) and returns its native value. */
  evaluate(expression: string, renderText: (text: string) => string): unknown {
    takeMissedAttribute();
    renderText(`{{ (${expression}) | __capture }}`);
    const value = this.captured;
    this.captured = undefined;
    return value;
  }
}
