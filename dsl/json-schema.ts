import { z } from 'zod';
import { moduleCatalog } from '../modules/catalog.js';
import { argumentAliases } from '../modules/util/aliases.js';
import { playKeywordsSchema, taskKeywordsSchema } from './schema/keywords.js';
import { moduleValueSchema } from './schema/module-value.js';
import { closePlay, closeTask, STRUCTURAL_SCHEMAS } from './schema/task-shape.js';

function toSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
  return rest;
}

/** The object schema inside a module's argument schema (aliases wrap it in a transform pipe). */
function argumentObject(schema: z.ZodType): z.ZodType {
  let current: unknown = schema;
  for (let i = 0; i < 5; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def || def.shape) break;
    current = def.out ?? def.innerType ?? def.schema ?? current;
  }
  return current as z.ZodType;
}

const BOOLEAN_TEXT =
  '^(?:[yY](?:[eE][sS])?|[nN][oO]?|[tT](?:[rR][uU][eE])?|[fF](?:[aA][lL][sS][eE])?|[oO](?:[nN]|[fF][fF])|1|0)$';
const INTEGER_TEXT = '^\\s*[+-]?\\d+(?:\\.0*)?\\s*$';
const NUMBER_TEXT = '^\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*$';

/**
 * Module arguments also accept the text forms Ansible converts (`create: "yes"`, `timeout: "10"`, see
 * modules/util/coerce-args.ts), so editors do not flag what runs; keyword schemas are left as they are.
 */
function acceptTextForms(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(acceptTextForms);
  if (!node || typeof node !== 'object') return node;
  const { type, ...rest } = node as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, acceptTextForms(v)]));
  const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
  const pattern = { boolean: BOOLEAN_TEXT, integer: INTEGER_TEXT, number: NUMBER_TEXT }[String(type)];
  if (!pattern) return type === undefined ? out : { type, ...out };
  const numeric = Object.fromEntries(bounds.filter((b) => b in out).map((b) => [b, out[b]]));
  for (const b of bounds) delete out[b];
  return {
    ...out,
    anyOf: [
      { type, ...numeric },
      { type: 'string', pattern },
    ],
  };
}

/**
 * `play schema`: a JSON Schema for playbooks generated from the same zod schemas the loader validates with,
 * so yaml-language-server checks playbooks (keywords and every built-in module's arguments) in editors.
 */
export function playbookJsonSchema(): Record<string, unknown> {
  const modules: Record<string, unknown> = {};
  // Each module's value schema is defined once and referenced by its spellings (the schema stays small).
  const moduleDefs: Record<string, unknown> = {};
  for (const [name, entry] of moduleCatalog) {
    const args = acceptTextForms(toSchema(argumentObject(entry.definition.args))) as Record<string, unknown>;
    const props = (args.properties ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(props)) if (key.startsWith('_')) delete props[key];
    const described = { ...args, description: entry.definition.summary };
    moduleDefs[`module.${name}`] = moduleValueSchema(
      described,
      entry.definition,
      argumentAliases(entry.definition.args),
    );
    for (const spelling of [
      name,
      `ansible.builtin.${name}`,
      `ansible.legacy.${name}`,
      `spindle.${name}`,
      ...(entry.definition.aliases ?? []),
    ]) {
      modules[spelling] = { $ref: `#/$defs/module.${name}` };
    }
  }
  const task = toSchema(taskKeywordsSchema) as Record<string, unknown>;
  task.properties = {
    ...(task.properties as object),
    ...modules,
    ...STRUCTURAL_SCHEMAS,
    block: { type: 'array', items: { $ref: '#/$defs/task' } },
    rescue: { type: 'array', items: { $ref: '#/$defs/task' } },
    always: { type: 'array', items: { $ref: '#/$defs/task' } },
  };
  const play = toSchema(playKeywordsSchema) as Record<string, unknown>;
  const playProps = play.properties as Record<string, unknown>;
  for (const section of ['pre_tasks', 'tasks', 'post_tasks', 'handlers'])
    playProps[section] = { type: 'array', items: { $ref: '#/$defs/task' } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Spindle playbook',
    type: 'array',
    items: { $ref: '#/$defs/play' },
    $defs: {
      ...moduleDefs,
      play: closePlay(play),
      task: closeTask(task, [...Object.keys(modules), ...Object.keys(STRUCTURAL_SCHEMAS)]),
    },
  };
}
