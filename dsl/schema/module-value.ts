/**
 * The editor schema of one module key's value, shaped like `--syntax-check` reads it: a mapping of arguments
 * (aliases and ignored arguments included, any argument may be a template, `mode` only as a string), one-line
 * `k=v` text naming only known arguments (any text for free-form modules), or nothing when no argument is
 * required. Kept apart from json-schema.ts so the module registry can feed it.
 */

type Json = Record<string, unknown>;

/** A value left for the templar (`"{{ x }}"`): checked when the task runs, as the compiler does. */
export const TEMPLATED: Json = { type: 'string', pattern: '\\{\\{|\\{%' };

/** One `k=v` word: a known key, then quoted text, a `{{ … }}` expression, or non-space characters. */
function kvPattern(names: string[]): string {
  const key = `(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  const value = `(?:"(?:[^"\\\\]|\\\\.)*"|'[^']*'|\\{\\{(?:(?!\\}\\}).)*\\}\\}|[^\\s"'{]|\\{(?!\\{))*`;
  const word = `${key}=${value}`;
  return `^\\s*(?:${word}\\s+)*${word}\\s*$`;
}

/** `mode` as the compiler takes it: an octal or symbolic string (a bare number like 755 is refused). */
function stringOnly(schema: unknown): unknown {
  const anyOf = (schema as Json | undefined)?.anyOf as Json[] | undefined;
  return anyOf?.find((s) => s.type === 'string') ?? schema;
}

/** The schema of a module's value from its argument object schema (`properties`, `required`). */
export function moduleValueSchema(
  args: Json,
  module: { freeForm?: string; ignoredArgs?: Readonly<Record<string, string>> },
  aliases: Readonly<Record<string, string>>,
): Json {
  const props = { ...((args.properties ?? {}) as Record<string, unknown>) };
  for (const [alias, canonical] of Object.entries(aliases))
    if (props[canonical]) props[alias] = props[canonical];
  for (const name of Object.keys(module.ignoredArgs ?? {})) props[name] ??= {};
  for (const [key, value] of Object.entries(props))
    props[key] = { anyOf: [key === 'mode' ? stringOnly(value) : value, TEMPLATED] };
  // A required argument may be given under any of its aliases (`dest` for `path`).
  const required = (args.required as string[] | undefined) ?? [];
  const spellings = (name: string) => [name, ...Object.keys(aliases).filter((a) => aliases[a] === name)];
  const object: Json = {
    ...args,
    properties: props,
    required: required.filter((name) => spellings(name).length === 1),
    allOf: required
      .filter((name) => spellings(name).length > 1)
      .map((name) => ({ anyOf: spellings(name).map((n) => ({ required: [n] })) })),
  };
  const text = module.freeForm
    ? { type: 'string' }
    : { type: 'string', pattern: kvPattern(Object.keys(props)) };
  return {
    description: args.description,
    anyOf: [object, text, ...(required.length === 0 ? [{ type: 'null' }] : [])],
  };
}
