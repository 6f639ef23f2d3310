const RAW_START = /\{%-?\s*raw\s*-?%\}/g;
const RAW_END = /\{%-?\s*endraw\s*-?%\}/g;

/**
 * Ansible's `escape_backslashes` (on for task arguments, conditions and variables, off for template files): a
 * backslash inside a string literal of a `{{ … }}` stands for itself, as YAML has already read the escapes
 * (`regex_replace('(\d+)', '\1')` in a double-quoted YAML value keeps `\1`). Done by doubling those backslashes
 * before Jinja2's own escapes read them; a backslash before the literal's own quote still escapes it.
 * `{% raw %}` blocks, `{% %}` tags and text outside `{{ }}` are untouched.
 */
export function escapeBackslashes(text: string): string {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    RAW_START.lastIndex = i;
    const raw = RAW_START.exec(text);
    const start = text.indexOf('{{', i);
    if (start < 0) return out + text.slice(i);
    if (raw && raw.index < start) {
      RAW_END.lastIndex = RAW_START.lastIndex;
      const stop = RAW_END.exec(text) ? RAW_END.lastIndex : text.length;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    out += text.slice(i, start + 2);
    i = start + 2;
    while (i < text.length && !text.startsWith('}}', i)) {
      const quote = text[i];
      i++;
      if (quote !== "'" && quote !== '"') {
        out += quote;
        continue;
      }
      out += quote;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && text[i + 1] === quote) {
          out += `\\${quote}`;
          i += 2;
        } else {
          out += text[i] === '\\' ? '\\\\' : text[i];
          i++;
        }
      }
      if (i < text.length) out += text[i++];
    }
  }
  return out;
}
