/** Splits Ansible's `k=v` argument text into arguments, keeping quoted values whole (like `parse_kv`). */
export function parseKeyValueArgs(text: string, freeFormKey?: string, knownKeys?: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const free: string[] = [];
  for (const token of splitArgs(text)) {
    const eq = token.indexOf('=');
    const key = eq > 0 ? token.slice(0, eq) : '';
    const isPair = eq > 0 && /^[A-Za-z_][\w]*$/.test(key) && (!freeFormKey || knownKeys?.has(key));
    if (isPair) {
      out[key] = unquote(token.slice(eq + 1));
    } else if (freeFormKey) {
      free.push(token);
    } else {
      throw new Error(`expected key=value, got \`${token}\``);
    }
  }
  if (freeFormKey && free.length > 0) out[freeFormKey] = free.join(' ');
  return out;
}

function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0] ? value.slice(1, -1) : value;
}

/** Splits on whitespace outside quotes and `{{ }}` / `{% %}` (Ansible's `split_args`), keeping quotes. */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let token = '';
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
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
      if (token) tokens.push(token);
      token = '';
    } else token += c;
  }
  if (quote) throw new Error(`unterminated ${quote} quote in \`${text}\``);
  if (token) tokens.push(token);
  return tokens;
}
