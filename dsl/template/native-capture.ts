import type nunjucks from 'nunjucks';
import { takeMissedAttribute } from './python-runtime.js';
import { TemplateError, type TemplateWhere } from './template-error.js';

const SINGLE_EXPRESSION = /^\{\{\s*((?:(?!\}\}|\{\{).)*?)\s*\}\}$/s;

/** The expression of a string that is exactly one `{{ expr }}` (it keeps its native type), else undefined. */
export function singleExpression(text: string): string | undefined {
  return SINGLE_EXPRESSION.exec(text)?.[1];
}

/**
 * Evaluates one expression to its native value (a list stays a list, not its text): the expression is
 * rendered through a `__capture` filter that keeps the value aside and outputs nothing. An undefined value
 * fails with the variable or attribute named, as nunjucks does not.
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
  evaluate(expression: string, renderText: (text: string) => string, where?: TemplateWhere): unknown {
    takeMissedAttribute();
    try {
      renderText(`{{ (${expression}) | __capture }}`);
    } catch (error) {
      if (error instanceof TemplateError && error.code === 'undefined' && !error.variable) {
        const miss = takeMissedAttribute();
        const mentions = (n: string) => [`.${n}`, `['${n}']`, `["${n}"]`].some((f) => expression.includes(f));
        if (miss && mentions(miss.name))
          throw new TemplateError(
            'undefined',
            `undefined attribute \`${miss.name}\` of ${miss.kind === 'dict' ? 'a dict' : `a ${miss.kind}`} in \`{{ ${expression} }}\``,
            where,
          );
        const name = /^[A-Za-z_][\w]*/.exec(expression)?.[0];
        throw new TemplateError(
          'undefined',
          `undefined variable \`${name ?? expression}\` in \`{{ ${expression} }}\``,
          where,
          name,
        );
      }
      throw error;
    }
    const value = this.captured;
    this.captured = undefined;
    return value;
  }
}
