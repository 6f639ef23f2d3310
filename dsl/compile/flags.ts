import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import { isTemplated } from './templated.js';

/**
 * A boolean keyword (`no_log`, `ignore_errors` …) as the graph holds it: read through Ansible's truth table at
 * compile time, so the runner sees `true`/`false`; a template (`"{{ quiet }}"`) stays text for the runner.
 * Values outside the table are reported by the keyword schema; here they read as false.
 */
export function keywordFlag(value: unknown): boolean | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && isTemplated(value)) return value;
  return isAnsibleTrue(value);
}

/** A boolean keyword the runner reads as a plain boolean: Ansible's truth table, `fallback` when it is not set. */
export function keywordBoolean(value: unknown, fallback: boolean): boolean;
export function keywordBoolean(value: unknown): boolean | undefined;
export function keywordBoolean(value: unknown, fallback?: boolean): boolean | undefined {
  return value === undefined || value === null ? fallback : isAnsibleTrue(value);
}
