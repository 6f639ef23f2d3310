import { takeMissedAttribute } from './python-runtime.js';

const PYTHON_KIND: Record<string, string> = {
  dict: 'dict object',
  list: 'list object',
  string: 'str object',
};

/**
 * Ansible's words for an undefined value met in `expression`: `'dict object' has no attribute 'x'` when the last
 * attribute a dict, list or str lacked is named there, else `'name' is undefined` for the expression's first
 * variable. nunjucks names neither; `undefined` when the expression names no variable.
 */
export function describeUndefined(expression: string): { detail: string; variable?: string } | undefined {
  const miss = takeMissedAttribute();
  const mentions = (n: string) => [`.${n}`, `['${n}']`, `["${n}"]`].some((f) => expression.includes(f));
  if (miss && mentions(miss.name))
    return { detail: `'${PYTHON_KIND[miss.kind] ?? `${miss.kind} object`}' has no attribute '${miss.name}'` };
  const name = /^\s*\(?\s*([A-Za-z_]\w*)/.exec(expression)?.[1];
  if (!name || /^(?:True|False|None|true|false|none)$/.test(name)) return undefined;
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
