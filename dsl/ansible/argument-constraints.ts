import { pythonLiteral } from '../inventory/python-literal.js';

/**
 * The checks between options an Ansible module declares in code, in its `AnsibleModule(...)` call rather than
 * in DOCUMENTATION (`mutually_exclusive=[['a', 'b']]`, `required_one_of`, `required_together`, `required_if`),
 * read from its source so that load-time checks catch what the module would reject when it runs.
 */
export interface ArgumentConstraints {
  mutuallyExclusive: string[][];
  requiredOneOf: string[][];
  requiredTogether: string[][];
  /** `[key, value, requirements, anyOf?]`: when `key` equals `value`, all (or, with anyOf, one) of them. */
  requiredIf: Array<[string, unknown, string[], boolean]>;
}

/** The text between the bracket at `open` and its match (Python strings skipped), or undefined. */
function bracketed(source: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '#') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return source.slice(open, i + 1);
  }
  return undefined;
}

/** The keyword arguments written as literals directly in the module's `AnsibleModule(...)` call. */
function moduleCallLiterals(source: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const call = /\bAnsibleModule\s*\(/.exec(source);
  const args = call && bracketed(source, call.index + call[0].length - 1);
  if (!args) return found;
  const keyword = /\b(mutually_exclusive|required_one_of|required_together|required_if)\s*=\s*([[(])/g;
  for (let m = keyword.exec(args); m; m = keyword.exec(args)) {
    const open = m.index + m[0].length - 1;
    const text = bracketed(args, open);
    // Only the call's own arguments (brackets balanced before the keyword): one nested in an option's spec
    // applies to its sub-options.
    const topLevel = bracketed(`(${args.slice(1, m.index)})`, 0) !== undefined;
    if (!text || !topLevel) continue;
    // The literal parser reads one line: the call spreads its lists over several.
    const value = pythonLiteral(text.replace(/\s*\n\s*/g, ' '));
    if (Array.isArray(value)) found.set(m[1], value);
    keyword.lastIndex = open + text.length;
  }
  return found;
}

const groups = (value: unknown): string[][] =>
  Array.isArray(value) ? value.filter(Array.isArray).map((g) => g.map(String)) : [];

/** Reads a module's source for the constraints its `AnsibleModule(...)` call declares (empty when none). */
export function sourceConstraints(source: string): ArgumentConstraints {
  const literals = moduleCallLiterals(source);
  const requiredIf = (
    Array.isArray(literals.get('required_if')) ? (literals.get('required_if') as unknown[]) : []
  )
    .filter((r): r is unknown[] => Array.isArray(r) && r.length >= 3 && Array.isArray(r[2]))
    .map(
      (r) =>
        [String(r[0]), r[1], (r[2] as unknown[]).map(String), r[3] === true] as [
          string,
          unknown,
          string[],
          boolean,
        ],
    );
  return {
    mutuallyExclusive: groups(literals.get('mutually_exclusive')),
    requiredOneOf: groups(literals.get('required_one_of')),
    requiredTogether: groups(literals.get('required_together')),
    requiredIf,
  };
}

/** One broken constraint: Ansible's message, and the option to point at when there is one. */
export interface ConstraintProblem {
  arg?: string;
  message: string;
}

/** How the checks see an option: whether it is present (given, or with a default) and, when known, its value. */
export interface OptionValues {
  /** Options the task gives (mutual exclusion is checked before defaults apply, as Ansible does). */
  given: ReadonlySet<string>;
  present: ReadonlySet<string>;
  /** The option's value converted to its type; undefined when it is absent or only known at run time. */
  value(name: string): unknown;
}

const pythonText = (value: unknown): string =>
  value === true ? 'True' : value === false ? 'False' : value === null ? 'None' : String(value);

/** The constraints a task's options break, with the messages Ansible's argument validation gives. */
export function constraintProblems(c: ArgumentConstraints, options: OptionValues): ConstraintProblem[] {
  const problems: ConstraintProblem[] = [];
  const has = (name: string) => options.present.has(name);
  for (const group of c.mutuallyExclusive) {
    const both = group.filter((name) => options.given.has(name));
    if (both.length > 1)
      problems.push({ arg: both[1], message: `parameters are mutually exclusive: ${group.join('|')}` });
  }
  for (const group of c.requiredOneOf)
    if (!group.some(has)) problems.push({ message: `one of the following is required: ${group.join(', ')}` });
  for (const group of c.requiredTogether)
    if (group.some(has) && !group.every(has))
      problems.push({
        arg: group.find(has),
        message: `parameters are required together: ${group.join(', ')}`,
      });
  for (const [key, expected, requirements, anyOf] of c.requiredIf) {
    const value = options.value(key);
    if (value === undefined || pythonText(value) !== pythonText(expected)) continue;
    const missing = requirements.filter((name) => !has(name));
    if (missing.length === 0 || (anyOf && missing.length < requirements.length)) continue;
    problems.push({
      arg: key,
      message: `${key} is ${pythonText(expected)} but ${anyOf ? 'any' : 'all'} of the following are missing: ${missing.join(', ')}`,
    });
  }
  return problems;
}
