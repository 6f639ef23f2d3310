/** One word of `k=v` argument text with its offsets in the text (quotes and escapes kept as written). */
export interface ArgToken {
  token: string;
  start: number;
  end: number;
}

/**
 * Splits argument text the way Ansible's `split_args` does: on spaces and newlines, except inside quotes
 * (an unescaped `"` or `'` opens and closes them, also in the middle of a word: `msg="a b"`) and inside
 * `{{ }}`, `{% %}` and `{# #}`, which may hold spaces, quotes and `=`. Quotes are kept; a lone `\` at the end of
 * a line continues it. Unbalanced quotes or Jinja2 delimiters are an error, as in Ansible.
 */
export function splitArgTokens(text: string): ArgToken[] {
  const tokens: ArgToken[] = [];
  let start = -1;
  let quote: string | null = null;
  const depth = { '{{': 0, '{%': 0, '{#': 0 };
  const closers: Record<string, keyof typeof depth> = { '}}': '{{', '%}': '{%', '#}': '{#' };
  const inside = () => quote !== null || depth['{{'] > 0 || depth['{%'] > 0 || depth['{#'] > 0;
  const finish = (end: number) => {
    if (start < 0) return;
    const token = text.slice(start, end);
    if (token !== '\\') tokens.push({ token, start, end });
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === ' ' || c === '\n') && !inside()) {
      finish(i);
      continue;
    }
    if (start < 0) start = i;
    const pair = text.slice(i, i + 2);
    if (pair in depth) {
      depth[pair as keyof typeof depth]++;
      i++;
    } else if (pair in closers) {
      const opener = closers[pair];
      if (depth[opener] > 0) depth[opener]--;
      i++;
    } else if ((c === '"' || c === "'") && text[i - 1] !== '\\') {
      if (quote === null) quote = c;
      else if (quote === c) quote = null;
    }
  }
  if (inside())
    throw new Error(`unbalanced quotes or Jinja2 delimiters in \`${text}\` (try quoting the whole value)`);
  finish(text.length);
  return tokens;
}

/** Splits `k=v` argument text into words like Ansible's `split_args` (quotes kept). */
export function splitArgs(text: string): string[] {
  return splitArgTokens(text).map((t) => t.token);
}
