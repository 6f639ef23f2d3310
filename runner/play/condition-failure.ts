import { TemplateError } from '../../dsl/template/templar.js';
import { ModuleFailure } from '../../modules/contract/define-module.js';

/**
 * An `assert` condition that could not be evaluated, worded as Ansible's conditionals report it: `The conditional
 * check 'X' failed. The error was: …` with the undefined variable or the templating type error as Ansible's
 * `{% if X %} True {% else %} False {% endif %}` template met it. Any other error is returned as it is.
 */
export function conditionFailure(expression: string, error: unknown): unknown {
  if (!(error instanceof TemplateError)) return error;
  const cause =
    error.code === 'undefined'
      ? `error while evaluating conditional (${expression}): ${error.detail}. ${error.detail}`
      : error.detail.replace(
          `(${`{{ ${expression} }}`})`,
          `({% if ${expression} %} True {% else %} False {% endif %})`,
        );
  return new ModuleFailure(`The conditional check '${expression}' failed. The error was: ${cause}`);
}
