import { types } from 'node:util';
import { takeMissedAttribute } from './python-runtime.js';
import { isUnsafe } from './unsafe.js';

const PYTHON_KIND: Record<string, string> = {
  dict: 'dict object',
  list: 'list object',
  string: 'str object',
};

const KEYWORDS = /^(?:and|or|not|in|is|if|else|True|False|None|true|false|none|loop)$/;

/** The variables an expression names, in order: not attributes, filters, tests, calls or keyword arguments. */
function variablesOf(expression: string): string[] {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const names: string[] = [];
  for (const match of code.matchAll(
    /(\|\s*|\bis\s+(?:not\s+)?|\.\s*)?\b([A-Za-z_]\w*)\b(\s*(?:==|[=(]))?/g,
  )) {
    const [, before, name, after] = match;
    if (before || (after && !after.trim().startsWith('=='))) continue;
    if (!KEYWORDS.test(name) && !/^\d/.test(name)) names.push(name);
  }
  return names;
}

/**
 * Ansible's words for an undefined value met in `expression`: `'dict object' has no attribute 'x'` when the last
 * attribute a dict, list or str lacked is named there, else `'name' is undefined` for the first variable the
 * expression names that `scope` lacks (else its first). nunjucks names neither; undefined when there is none.
 */
export function describeUndefined(
  expression: string,
  scope: Record<string, unknown> = {},
): { detail: string; variable?: string } | undefined {
  const miss = takeMissedAttribute();
  const mentions = (n: string) =>
    [`.${n}`, `['${n}']`, `["${n}"]`, `[${n}]`].some((f) => expression.replace(/\s+/g, '').includes(f));
  const names = variablesOf(expression);
  const name = names.find((n) => !(n in scope)) ?? (miss && mentions(miss.name) ? undefined : names[0]);
  const kind = miss && (PYTHON_KIND[miss.kind] ?? `${miss.kind} object`);
  if (name === undefined && miss?.element && mentions(miss.name))
    return { detail: `${kind} has no element ${miss.name}` };
  if (name === undefined && miss && mentions(miss.name))
    return { detail: `'${kind}' has no attribute '${miss.name}'` };
  if (!name) return undefined;
  return { detail: `'${name}' is undefined`, variable: name };
}

/** The text of the `{{ … }}` starting at nunjucks' `[Line L, Column C]` of an error (1-based), if there is one. */
export function expressionAt(source: string, message: string): string | undefined {
  const at = /\[Line (\d+), Column (\d+)\]/.exec(message);
  if (!at) return undefined;
  const line = source.split('\n')[Number(at[1]) - 1] ?? '';
  const rest = line.slice(Number(at[2]) - 1);
  return /^\{\{-?\s*([\s\S]*?)\s*-?\}\}/.exec(rest)?.[1];
}

/**
 * Whether a list or dict a template built holds an undefined value (`[{'key': missing}]`), which Ansible's
 * finalize refuses as an undefined variable; data marked unsafe (module results) and lazy views are not searched.
 */
export function holdsUndefined(value: unknown): boolean {
  // a lazy view (`hostvars`) renders its values when read: it is not searched
  if (value === null || typeof value !== 'object' || isUnsafe(value) || types.isProxy(value)) return false;
  if (Array.isArray(value)) return value.some((item) => item === undefined || holdsUndefined(item));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).some((item) => item === undefined || holdsUndefined(item));
}
