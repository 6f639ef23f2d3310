/**
 * Ansible's STRING_TYPE_FILTERS: filters whose output is text on purpose (JSON, YAML, `string`). A template whose
 * value is such a filter's output is never read back into a list, dict or boolean.
 */
const STRING_TYPE_FILTERS = new Set([
  'string',
  'to_json',
  'to_nice_json',
  'to_yaml',
  'to_nice_yaml',
  'ppretty',
  'json',
]);

/**
 * The name of the last filter an expression applies at its top level: `x | to_json(indent=(n | int))` gives
 * `to_json` (a `|` inside parentheses, brackets or quotes belongs to an argument); undefined without one.
 */
export function lastFilter(expression: string): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  let last = -1;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === '|' && depth === 0) last = i;
  }
  if (last < 0) return undefined;
  return /^\s*([\w.]+)\s*(?:\([\s\S]*\))?\s*$/.exec(expression.slice(last + 1))?.[1];
}

/** True when an expression's value is the output of a string-type filter (`x | to_nice_json`). */
export function keepsText(expression: string): boolean {
  const name = lastFilter(expression);
  return name !== undefined && STRING_TYPE_FILTERS.has(name.replace(/^ansible\.builtin\./, ''));
}

/**
 * A template whose first line uses a string filter inside `{{ }}` (`"{{ x | to_nice_json }}\n"`) stays text:
 * matched from the start and line by line as Python's `re.match` does.
 */
const NO_TYPE_CONVERSION =
  /^.*?\|\s*(?:string|to_json|to_nice_json|to_yaml|to_nice_yaml|ppretty|json)(?:\([^|]*\))?\s*\)?\s*\}\}/;

/**
 * True when a template's rendered text stays text: it is one expression ending in a string filter followed by one
 * newline (Jinja2 drops that newline, so the filter's text is the whole value; Ansible adds the newline back), or
 * its first line ends a `{{ }}` with a string filter.
 */
export function textStaysText(text: string, single: (text: string) => string | undefined): boolean {
  const expression = text.endsWith('\n') ? single(text.slice(0, -1)) : undefined;
  return (expression !== undefined && keepsText(expression)) || NO_TYPE_CONVERSION.test(text);
}
