/**
 * A small JSON Schema (draft-07) checker for the keywords `play schema` emits: enough to run the editor schema
 * over the playbook corpus in tests without a validator dependency. Returns the failures as `path: reason`.
 * Keywords it does not know are ignored, so a new keyword in the schema must be added here to be tested.
 */
export type Schema = boolean | Record<string, unknown>;

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value;

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Checks `value` against `schema` (with `root` for `#/...` references); empty when it is valid. */
export function checkSchema(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const s = schema;
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path}: ${why}`);
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .replace(/^#\/?/, '')
      .split('/')
      .filter(Boolean)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
    errors.push(...checkSchema(value, target as Schema, root, path));
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(value, t))) return [`${path}: expected ${types.join('|')}`];
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) fail('not the constant');
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    fail(`not one of ${JSON.stringify(s.enum)}`);
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      fail(`does not match ${s.pattern}`);
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) fail('too short');
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) fail('too long');
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail(`below ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) fail(`above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) fail('too small');
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) fail('too large');
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail('too few items');
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail('too many items');
    if (s.items !== undefined && !Array.isArray(s.items))
      value.forEach((item, i) => {
        errors.push(...checkSchema(item, s.items as Schema, root, `${path}[${i}]`));
      });
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
    for (const key of (s.required as string[] | undefined) ?? [])
      if (!(key in object)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(object)) {
      const at = `${path}.${key}`;
      if (s.propertyNames !== undefined)
        errors.push(...checkSchema(key, s.propertyNames as Schema, root, at));
      let known = false;
      if (key in properties) {
        known = true;
        errors.push(...checkSchema(item, properties[key], root, at));
      }
      for (const [pattern, sub] of patterns)
        if (new RegExp(pattern, 'u').test(key)) {
          known = true;
          errors.push(...checkSchema(item, sub, root, at));
        }
      if (!known && s.additionalProperties !== undefined)
        errors.push(...checkSchema(item, s.additionalProperties as Schema, root, at));
    }
  }
  const matching = (list: unknown) =>
    (list as Schema[]).filter((sub) => checkSchema(value, sub, root, path).length === 0).length;
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) errors.push(...checkSchema(value, sub, root, path));
  if (Array.isArray(s.anyOf) && matching(s.anyOf) === 0) fail('matches none of anyOf');
  if (Array.isArray(s.oneOf) && matching(s.oneOf) !== 1) fail(`matches ${matching(s.oneOf)} of oneOf, not 1`);
  if (s.not !== undefined && checkSchema(value, s.not as Schema, root, path).length === 0)
    fail('matches not');
  return errors;
}
