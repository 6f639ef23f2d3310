import { parseKeyValueArgs } from './kv.js';

/** What `include_tasks`/`import_tasks` and `include_role`/`import_role` were given, whatever the spelling. */
export interface IncludeArgs {
  /** The task file (`file=`, the free-form text, or `_raw_params`), for task includes. */
  file?: string;
  /** Every option as written (`name`, `tasks_from`, `apply` …). */
  options: Record<string, unknown>;
}

/**
 * Reads the arguments of an include or import the way Ansible's ModuleArgsParser does: a mapping as is, or
 * one-line text parsed like `parse_kv` with `check_raw` (`include_tasks: file=x.yml`, `include_tasks: x.yml`,
 * `include_role: name=web tasks_from=setup`). Words that are not `k=v` are the file (`_raw_params`).
 */
export function includeArguments(value: unknown): IncludeArgs {
  let options: Record<string, unknown> = {};
  if (typeof value === 'string') options = parseKeyValueArgs(value, { freeForm: '_raw_params' });
  else if (value && typeof value === 'object' && !Array.isArray(value))
    options = { ...(value as Record<string, unknown>) };
  const file = options.file ?? options._raw_params;
  return { file: file === undefined ? undefined : String(file), options };
}
