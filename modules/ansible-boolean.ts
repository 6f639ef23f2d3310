/**
 * Ansible's one truth table (module_utils/parsing/convert_bool.py): the words and numbers Ansible reads as
 * true or false, in any case, surrounding spaces ignored. Every boolean in Spindle — play and task keywords,
 * module arguments, the `bool` filter, conditions, inventory and config switches — is read through this file,
 * so `no_log: y`, `create=T` and `"ON" | bool` mean the same everywhere. It lives in `modules/` because the
 * remote modules need it and `modules/` may import nothing from `dsl/`; `dsl/` and `runner/` import it here.
 */

/** The words Ansible reads as true (`BOOLEANS_TRUE`), lower case. */
export const TRUE_WORDS: readonly string[] = ['y', 'yes', 'on', '1', 'true', 't'];
/** The words Ansible reads as false (`BOOLEANS_FALSE`), lower case. */
export const FALSE_WORDS: readonly string[] = ['n', 'no', 'off', '0', 'false', 'f'];

const TRUE_SET: ReadonlySet<string> = new Set(TRUE_WORDS);
const FALSE_SET: ReadonlySet<string> = new Set(FALSE_WORDS);

/**
 * Ansible's strict `boolean(value)`: a boolean, the numbers 1 and 0, or a word of the table; `undefined` for
 * anything else, so the caller can report the value (a keyword, an argument) or fall back.
 */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_SET.has(word)) return true;
  if (FALSE_SET.has(word)) return false;
  return undefined;
}

/** Ansible's lenient `boolean(value, strict=False)`: true only for the table's true values; anything else is false. */
export function isAnsibleTrue(value: unknown): boolean {
  return parseBoolean(value) === true;
}

/**
 * The table as a regular expression source for schemas that have no case-insensitive flag (JSON Schema):
 * every letter written as `[yY]`, surrounding spaces allowed, as `parseBoolean` reads it.
 */
export const BOOLEAN_TEXT_PATTERN = `^\\s*(?:${[...TRUE_WORDS, ...FALSE_WORDS]
  .map((word) => [...word].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join(''))
  .join('|')})\\s*$`;

/**
 * The truth of a value a template produced (conditions, the `bool` filter, `truthy`, lookup options): text is
 * read through the table (`"no"` is false, as Ansible's conditionals and `bool` read it); any other value by
 * Python's truthiness (`2`, `[1]` and `{a: 1}` are true; `0`, `[]`, `{}`, `null` are false).
 */
export function isTemplateTrue(value: unknown): boolean {
  if (typeof value === 'string') return isAnsibleTrue(value);
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
