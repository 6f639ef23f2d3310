import { TemplateError } from '../../dsl/template/templar.js';
import { ConditionalCheckError } from './condition-failure.js';

/**
 * The `msg` of a task that failed with an error: the module's name and the error, except for a filter's own
 * refusal (`combine` given a list, `mandatory` on an undefined value …), which Ansible reports word for word,
 * and other template errors, whose text is Ansible's (`The task includes an option with an undefined variable.
 * The error was: 'x' is undefined`) followed by the task and its place.
 */
export function taskErrorMessage(module: string, error: unknown): string {
  if (error instanceof TemplateError && error.filterMessage !== undefined) return error.filterMessage;
  if (error instanceof TemplateError && error.code === 'undefined')
    return `The task includes an option with an undefined variable. The error was: ${error.message}`;
  if (error instanceof TemplateError) return error.message;
  if (error instanceof ConditionalCheckError) return error.message;
  return `${module}: ${error instanceof Error ? error.message : String(error)}`;
}
