/** One `ansible-playbook …` invocation found in a runme.sh: its arguments and the environment set before it. */
export interface Invocation {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The script tolerates a failure of this line (`|| …`), so a non-zero exit does not end the script. */
  readonly tolerated: boolean;
  readonly line: number;
}

/** A runme.sh read as a list of playbook runs, or the first line the runner does not understand. */
export type RunmePlan =
  | { readonly ok: true; readonly invocations: readonly Invocation[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a runme.sh: the simple invocations (`ansible-playbook x.yml -i ../../inventory "$@"`, env prefixes, `export K=V`).
 * Other commands (checks with grep, cleanups) are not run: only playbook runs are compared.
 */
export function parseRunme(text: string, given: Readonly<Record<string, string>>): RunmePlan {
  const vars: Record<string, string> = { ...given };
  const exported: Record<string, string> = {};
  const invocations: Invocation[] = [];
  const lines = unrollLoops(joinContinuations(text));
  for (let at = 0; at < lines.length; at++) {
    const { text: raw, line } = lines[at];
    const stripped = raw
      .trim()
      .replace(/^\{\s+/, '')
      .replace(/;\s*\}$/, '')
      .replace(/\d*>\s*>\([^)]*\)/g, '')
      .trim();
    const set = /^\u0000set ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(stripped);
    if (set) {
      vars[set[1]] = set[2];
      continue;
    }
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith('#!')) continue;
    if (!/\bansible-playbook\b/.test(stripped) && !/^export\s/.test(stripped)) continue;
    // `out="$(ansible-playbook …)"`, `[ "$(ansible-playbook … | grep …)" = … ]`: the run inside is compared.
    const substituted = /\$\(\s*((?:[A-Za-z_]+=\S+\s+)*ansible-playbook\b[^)]*)\)/.exec(stripped);
    if (substituted) {
      lines.splice(at + 1, 0, { text: substituted[1], line });
      continue;
    }
    const words = shellWords(stripped.replace(/\s(?:\d*|&)>>?\s*(?:&\d+|[^\s|;&]+)/g, ' '));
    if (words === null) return { ok: false, reason: `unsupported runme (line ${line}: ${clip(stripped)})` };
    const segments = splitOperators(words);
    const first = segments[0];
    const tolerated = segments.slice(1).some((s) => s.op === '||');
    if (first.words[0] === 'export') {
      for (const assignment of first.words.slice(1)) {
        const eq = assignment.indexOf('=');
        if (eq <= 0) continue;
        const value = expand(assignment.slice(eq + 1), vars);
        if (value === null) continue;
        vars[assignment.slice(0, eq)] = value;
        exported[assignment.slice(0, eq)] = value;
      }
      continue;
    }
    const env: Record<string, string> = { ...exported };
    let index = 0;
    for (; index < first.words.length; index++) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(first.words[index]);
      if (!m) break;
      const value = expand(m[2], vars);
      if (value === null) return { ok: false, reason: `unsupported runme (line ${line}: ${clip(stripped)})` };
      env[m[1]] = value;
    }
    if (first.words[index] !== 'ansible-playbook') {
      return { ok: false, reason: `unsupported runme (line ${line}: ${clip(stripped)})` };
    }
    const args: string[] = [];
    for (const word of first.words.slice(index + 1)) {
      if (word === '"$@"' || word === '$@') continue;
      const value = expand(word, vars);
      if (value === null) return { ok: false, reason: `unsupported runme (line ${line}: ${clip(stripped)})` };
      args.push(value);
    }
    invocations.push({ args, env, tolerated, line });
  }
  if (invocations.length === 0) return { ok: false, reason: 'unsupported runme (no ansible-playbook line)' };
  return { ok: true, invocations };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Unrolls `for VAR in literal words; do … done` (one level): the body once per word, VAR set before it. */
function unrollLoops(lines: Array<{ text: string; line: number }>): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;$`"']+?)\s*;\s*do\s*$/.exec(lines[i].text);
    if (!m) {
      out.push(lines[i]);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && /^\s*done\b/.test(l.text));
    if (end < 0) {
      out.push(lines[i]);
      continue;
    }
    const body = lines.slice(i + 1, end);
    for (const word of m[2].trim().split(/\s+/)) {
      out.push({ text: `\u0000set ${m[1]}=${word}`, line: lines[i].line }, ...body);
    }
    i = end;
  }
  return out;
}

function joinContinuations(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let current = lines[i];
    while (current.endsWith('\\') && i + 1 < lines.length) current = current.slice(0, -1) + ' ' + lines[++i];
    out.push({ text: current, line: start });
  }
  return out;
}

/** Words of a shell line keeping their quotes (expanded later); null for constructs the runner does not follow. */
function shellWords(line: string): string[] | null {
  if (/\$\(|`|<<|\bif\b|\bthen\b|\bfor\b|\bwhile\b|\bdo\b|\bcase\b|[()]\s*$|\{\s*$/.test(line)) return null;
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      word += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      word += c;
      started = true;
      continue;
    }
    if (c === '#' && !started) break;
    if (c === ' ' || c === '\t') {
      if (started) words.push(word);
      word = '';
      started = false;
      continue;
    }
    if (c === '|' || c === '&' || c === ';' || c === '>' || c === '<') {
      if (started) words.push(word);
      let op = c;
      if ((c === '|' || c === '&' || c === '>') && line[i + 1] === c) op += line[++i];
      words.push(`\u0000${op}`);
      word = '';
      started = false;
      continue;
    }
    word += c;
    started = true;
  }
  if (quote) return null;
  if (started) words.push(word);
  return words;
}

function splitOperators(words: string[]): Array<{ op: string; words: string[] }> {
  const segments: Array<{ op: string; words: string[] }> = [{ op: '', words: [] }];
  for (const word of words) {
    if (word.startsWith('\u0000')) segments.push({ op: word.slice(1), words: [] });
    else segments[segments.length - 1].words.push(word);
  }
  return segments;
}

/** Removes quotes and expands `$VAR`/`${VAR}` from known variables; null when one is unknown. */
function expand(word: string, vars: Readonly<Record<string, string>>): string | null {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
      continue;
    }
    if (c === '"') {
      quote = quote ? null : '"';
      continue;
    }
    if (c === "'" && !quote) {
      quote = "'";
      continue;
    }
    if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(word.slice(i));
      if (!m) return null;
      const name = m[1] ?? m[2];
      if (!(name in vars)) return null;
      out += vars[name];
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}
