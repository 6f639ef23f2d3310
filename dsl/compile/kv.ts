/** Splits Ansible's `k=v` argument text into arguments, keeping quoted values whole (like `parse_kv`). */
export function parseKeyValueArgs(
  text: string,
  freeFormKey?: string,
  knownKeys?: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let free = '';
  let last = 0;
  for (const { token, start, end } of tokenSpans(text)) {
    const eq = token.indexOf('=');
    const key = eq > 0 ? token.slice(0, eq) : '';
    const isPair = eq > 0 && /^[A-Za-z_][\w]*$/.test(key) && (!freeFormKey || knownKeys?.has(key));
    if (isPair) {
      out[key] = unquote(token.slice(eq + 1));
      free += text.slice(last, start);
      last = end;
    } else if (!freeFormKey) {
      throw new Error(`expected key=value, got \`${token}\``);
    }
  }
  free += text.slice(last);
  if (freeFormKey && free.trim() !== '') out[freeFormKey] = free.trim();
  return out;
}

function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]
    ? value.slice(1, -1)
    : value;
}

/** Splits on whitespace outside quotes and `{{ }}` / `{% %}` (Ansible's `split_args`), keeping quotes. */
export function splitArgs(text: string): string[] {
  return tokenSpans(text).map((t) => t.token);
}

/** The tokens of `splitArgs` with their offsets in the text. */
function tokenSpans(text: string): Array<{ token: string; start: number; end: number }> {
  const tokens: Array<{ token: string; start: number; end: number }> = [];
  let token = '';
  let start = 0;
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    if (token === '') start = i;
    if (!quote && (pair === '{{' || pair === '{%')) {
      depth++;
      token += pair;
      i++;
      continue;
    }
    if (!quote && depth > 0 && (pair === '}}' || pair === '%}')) {
      depth--;
      token += pair;
      i++;
      continue;
    }
    if (quote) {
      token += c;
      if (c === quote && text[i - 1] !== '\\') quote = null;
    } else if ((c === '"' || c === "'") && depth === 0) {
      quote = c;
      token += c;
    } else if (/\s/.test(c) && depth === 0) {
      if (token) tokens.push({ token, start, end: i });
      token = '';
    } else token += c;
  }
  if (quote) throw new Error(`unterminated ${quote} quote in \`${text}\``);
  if (token) tokens.push({ token, start, end: text.length });
  return tokens;
}
