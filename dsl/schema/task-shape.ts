import { META_ACTIONS } from '../compile/common-keywords.js';
import { PLAY_KEYWORDS, TASK_KEYWORDS } from '../compile/keywords.js';
import { TEMPLATED } from './module-value.js';

/**
 * The task and play rules `--syntax-check` applies beyond value types, as JSON Schema: no key it does not know,
 * exactly one action per task (a module, an include/import, `meta` or `block`), and a play needs `hosts` (or is
 * an `import_playbook`). Modules that a playbook ships in its own `modules/` folder are unknown to the schema.
 */

type Json = Record<string, unknown>;

const taskFile = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', required: ['file'] },
  ],
};
const role = { type: 'object', required: ['name'] };

/** The structural action keys and their values. */
export const STRUCTURAL_SCHEMAS: Record<string, unknown> = {
  include_tasks: taskFile,
  import_tasks: taskFile,
  include: taskFile,
  include_role: role,
  import_role: role,
  include_vars: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] },
  meta: { anyOf: [{ enum: META_ACTIONS }, TEMPLATED] },
};

/** Closes a task schema: unknown keys refused, exactly one of `actions` (module spellings and structural keys). */
export function closeTask(task: Json, actions: string[]): Json {
  const properties = { ...(task.properties as Json) };
  for (const key of TASK_KEYWORDS) properties[key] ??= {};
  return {
    ...task,
    properties,
    additionalProperties: false,
    oneOf: [...actions, 'block'].map((key) => ({ required: [key] })),
  };
}

/** Closes a play schema: unknown keys refused, `hosts` required unless it imports a playbook. */
export function closePlay(play: Json): Json {
  const properties = { ...(play.properties as Json) };
  for (const key of PLAY_KEYWORDS) properties[key] ??= {};
  return {
    ...play,
    properties,
    additionalProperties: false,
    anyOf: [{ required: ['hosts'] }, { required: ['import_playbook'] }],
  };
}
