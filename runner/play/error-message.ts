import { TemplateError } from '../../dsl/template/templar.js';

/**
 * The `msg` of a task that failed with an error: the module's name and the error, except for a filter's own
 * refusal (`combine` given a list, `mandatory` on an undefined value …), which Ansible reports word for word.
 */
export function taskErrorMessage(module: string, error: unknown): string {
  if (error instanceof TemplateError && error.filterMessage !== undefined) return error.filterMessage;
  return `${module}: ${error instanceof Error ? error.message : String(error)}`;
}
