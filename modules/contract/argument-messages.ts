import type { z } from 'zod';
import { argumentAliases } from './aliases.js';
import { argumentNames } from './coerce-args.js';

/** One problem zod found in a module's arguments (the fields this file reads). */
interface ArgumentIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  values?: unknown[];
}

/**
 * A run-time argument problem in the words of Ansible's AnsibleModule (`missing required arguments: path`,
 * `Unsupported parameters for (file) module: …`, `value of state must be one of: …, got: x`), so a task whose
 * arguments only turn bad once rendered fails as Ansible's module would; a module's own check keeps its message.
 */
export function ansibleArgumentMessage(
  module: string,
  schema: z.ZodType,
  issue: ArgumentIssue,
  raw: unknown,
): string {
  const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'unrecognized_keys') {
    const aliases = Object.keys(argumentAliases(schema)).sort();
    const supported =
      argumentNames(schema).sort().join(', ') + (aliases.length ? ` (${aliases.join(', ')})` : '');
    return `Unsupported parameters for (${module}) module: ${[...(issue.keys ?? [])].sort().join(', ')}. Supported parameters include: ${supported}.`;
  }
  if (key === undefined) return issue.message;
  const value = given[key];
  if (issue.code === 'invalid_type' && value === undefined) return `missing required arguments: ${key}`;
  if (issue.code === 'invalid_value' && issue.values)
    // Ansible lists the choices in its argument spec's order, alphabetical in most modules (file, lineinfile …).
    return `value of ${key} must be one of: ${issue.values.map(String).sort().join(', ')}, got: ${String(value)}`;
  return `${module}: invalid arguments: \`${issue.path.join('.')}\`: ${issue.message}`;
}
