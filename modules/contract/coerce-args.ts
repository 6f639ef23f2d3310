import type { z } from 'zod';
import { argumentAliases } from './aliases.js';
import { toBoolean, toDict, toFloat, toInteger, toList, toText } from './arg-types.js';

/**
 * Ansible converts module arguments to the types of the module's argument_spec before the module runs
 * (`create=yes` is `true`, `timeout="10"` is `10`, `"a,b"` is a list where one is expected). Spindle's schemas
 * are plain zod types, so this step reads each schema and converts the values first; the DSL's compile-time
 * check, the controller's validation after templating and the module itself then all see the same values.
 * It only reads schema definitions (`_zod.def`), never calls zod, so it also loads where zod is inert.
 */

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  options?: Schema[];
  shape?: Record<string, Schema>;
  valueType?: Schema;
  entries?: Record<string, unknown>;
}

interface Schema {
  _zod?: { def?: Def };
  safeParse?(value: unknown): { success: boolean };
  isInt?: boolean;
  format?: string | null;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

function defOf(schema: Schema | undefined): Def | undefined {
  return schema?._zod?.def;
}

/** The argument names a module's schema declares (its object's keys, aliases not included). */
export function argumentNames(schema: z.ZodType): string[] {
  return Object.keys(defOf(argumentObject(schema as unknown as Schema))?.shape ?? {});
}

/** The object schema inside a module's argument schema (aliases wrap it in a transform pipe). */
function argumentObject(schema: Schema): Schema | undefined {
  let current: Schema | undefined = schema;
  for (let i = 0; i < 6 && current; i++) {
    const def = defOf(current);
    if (!def) return undefined;
    if (def.type === 'object') return current;
    current = (def as { out?: Schema }).out ?? def.innerType ?? def.in;
  }
  return undefined;
}

/**
 * Converts each argument of `raw` (written names or aliases) to the type the module's schema expects, as
 * Ansible's argument_spec validation does. Values that cannot be converted are left for the schema to refuse;
 * `null` means "not given" for arguments that do not accept null. Non-object input is returned unchanged.
 */
export function coerceArguments(schema: z.ZodType, raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const object = argumentObject(schema as unknown as Schema);
  const shape = defOf(object)?.shape;
  if (!shape) return raw;
  const aliases = argumentAliases(schema);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = shape[aliases[key] ?? key];
    if (!field) {
      out[key] = value;
      continue;
    }
    if (value === null && !acceptsNull(field)) continue;
    out[key] = coerceValue(field, value);
  }
  return out;
}

/** Parses raw module arguments with the conversions applied (what every caller of a module schema uses). */
export function parseArguments<T extends z.ZodType>(
  schema: T,
  raw: unknown,
): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(coerceArguments(schema, raw));
}

function acceptsNull(schema: Schema): boolean {
  return schema.safeParse?.(null).success ?? true;
}

/** Converts one value towards `schema`'s type; returns it unchanged when no conversion applies. */
export function coerceValue(schema: Schema, value: unknown): unknown {
  const def = defOf(schema);
  if (!def || value === undefined) return value;
  if (WRAPPERS.has(def.type) || def.type === 'nullable')
    return value === null ? value : coerceValue(def.innerType as Schema, value);
  switch (def.type) {
    case 'boolean':
      return toBoolean(value) ?? value;
    case 'number':
      return (schema.isInt || schema.format === 'safeint' ? toInteger(value) : toFloat(value)) ?? value;
    case 'string':
      return toText(value) ?? value;
    case 'enum':
      return typeof value === 'number' ? (toText(value) ?? value) : value;
    case 'array': {
      const list = toList(value);
      return list ? list.map((item) => coerceValue(def.element as Schema, item)) : value;
    }
    case 'record': {
      const dict = toDict(value);
      if (!dict) return value;
      const valueType = def.valueType as Schema;
      return Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, coerceValue(valueType, v)]));
    }
    case 'object': {
      const dict = toDict(value);
      if (!dict || !def.shape) return value;
      const shape = def.shape;
      return Object.fromEntries(
        Object.entries(dict).map(([k, v]) => [k, shape[k] ? coerceValue(shape[k], v) : v]),
      );
    }
    case 'pipe':
      return coerceValue(def.in as Schema, value);
    case 'union':
      return coerceUnion(schema, def.options ?? [], value);
    default:
      return value;
  }
}

/** A union keeps a value one of its members accepts as is; otherwise the first member a conversion satisfies. */
function coerceUnion(schema: Schema, options: Schema[], value: unknown): unknown {
  if (schema.safeParse?.(value).success) return value;
  for (const option of options) {
    const converted = coerceValue(option, value);
    if (converted !== value && option.safeParse?.(converted).success) return converted;
  }
  return value;
}
