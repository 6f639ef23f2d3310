import { TemplateError, type TemplateWhere } from '../../dsl/template/templar.js';
import { ModuleFailure } from '../../modules/contract/define-module.js';
import type { RunState } from './run-state.js';

/**
 * A `when` condition that could not be evaluated: the task fails with Ansible's conditional wording (its message
 * is final, not prefixed with the module's name).
 */
export class ConditionalCheckError extends Error {}

/**
 * Ansible's words for a condition that could not be evaluated: `The conditional check 'X' failed. The error was: …`
 * with the undefined variable or the templating type error as Ansible's `{% if X %} True {% else %} False
 * {% endif %}` template met it; undefined for any other error.
 */
function conditionalMessage(expression: string, error: unknown): string | undefined {
  if (!(error instanceof TemplateError)) return undefined;
  const cause =
    error.code === 'undefined'
      ? `error while evaluating conditional (${expression}): ${error.detail}. ${error.detail}`
      : error.detail.replace(
          `(${`{{ ${expression} }}`})`,
          `({% if ${expression} %} True {% else %} False {% endif %})`,
        );
  return `The conditional check '${expression}' failed. The error was: ${cause}`;
}

/** An `assert` condition that could not be evaluated, as the module's failure; any other error as it is. */
export function conditionFailure(expression: string, error: unknown): unknown {
  const message = conditionalMessage(expression, error);
  return message === undefined ? error : new ModuleFailure(message);
}

/**
 * Whether a task's (or include's) `when` condition holds; one that cannot be evaluated throws a
 * ConditionalCheckError in Ansible's words, any other error as it is.
 */
export function whenHolds(
  state: RunState,
  condition: string,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): boolean {
  try {
    return state.holds(condition, vars, where);
  } catch (error) {
    const message = conditionalMessage(condition, error);
    throw message === undefined ? error : new ConditionalCheckError(message);
  }
}
