/**
 * Separates the `}}` that closes nested dict literals inside `{{ … }}` or `{% … %}` (`{{ {'a': {'b': 1}} }}`):
 * Jinja2's lexer balances braces there, nunjucks' ends the expression at the first `}}`. The text outside
 * expressions, strings inside them, comments and `{% raw %}` blocks are left as they are.
 */
export function spaceNestedBraces(text: string): string {
  if (!text.includes('}}') || !/\{[{%]/.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.slice(i, i + 2);
    if (open === '{#') {
      const end = text.indexOf('#}', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (/^\{%-?\s*raw\s*-?%\}/.test(text.slice(i))) {
      const end = /\{%-?\s*endraw\s*-?%\}/.exec(text.slice(i));
      const stop = end ? i + end.index + end[0].length : text.length;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (open !== '{{' && open !== '{%') {
      out += text[i++];
      continue;
    }
    const close = open === '{{' ? '}}' : '%}';
    out += open;
    i += 2;
    let depth = 0;
    let quote: string | null = null;
    while (i < text.length) {
      const c = text[i];
      if (quote) {
        out += c;
        if (c === '\\' && i + 1 < text.length) out += text[++i];
        else if (c === quote) quote = null;
        i++;
        continue;
      }
      if (depth === 0 && text.startsWith(close, i)) {
        out += close;
        i += 2;
        break;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        out += c;
        i++;
        if (text[i] === '}') out += ' ';
        continue;
      }
      out += c;
      i++;
    }
  }
  return out;
}
