/**
 * Python `re` syntax for the modules that take Ansible's regular expressions and replacement templates
 * (`lineinfile` with `backrefs`, `replace`): playbooks written for Ansible use `(?P<name>…)`, `\1`, `\g<1>` and
 * `\g<name>`, and a `$` that is literal. JavaScript's `String.replace` would read `$1` instead and keep `\1`.
 */

/** A template that failed to parse, or that names a group the pattern lacks (Python raises `re.error`). */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** One piece of a parsed template: literal text, or the text of a group (by number or by name). */
type Piece = string | { group: number | string };

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};
const OCTAL = /[0-7]/;
const DIGIT = /[0-9]/;

/** Converts Python-only pattern syntax to JavaScript's: `(?P<name>…)` → `(?<name>…)`, `(?P=name)` → `\k<name>`. */
export function pythonPattern(source: string): string {
  return source.replace(/(\\*)\(\?P(<\w+>|=\w+\))/g, (all, slashes: string, rest: string) => {
    if (slashes.length % 2 === 1) return all;
    return rest.startsWith('<') ? `${slashes}(?${rest}` : `${slashes}\\k<${rest.slice(1, -1)}>`;
  });
}

/**
 * A JavaScript RegExp for a pattern written in Python's syntax. Python's global inline flags at its start
 * (`(?m)`, `(?is)` …) become the RegExp's flags: `i`, `m` and `s` as such, `a`, `u`, `L` ignored (no JS meaning).
 */
export function pythonRegExp(source: string, flags = ''): RegExp {
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  const extra = inline ? [...inline[1]].filter((f) => 'ims'.includes(f) && !flags.includes(f)) : [];
  const all = flags + [...new Set(extra)].join('');
  const body = pythonPattern(inline ? source.slice(inline[0].length) : source);
  return new RegExp(all.includes('m') ? body : pythonEnd(body), all);
}

/**
 * Python's `$` outside MULTILINE matches at the end and also before a final newline (JavaScript's only at the
 * end), and `\Z` is the very end: both rewritten, outside character classes.
 */
function pythonEnd(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      out += !inClass && next === 'Z' ? '$' : c + next;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else out += c === '$' ? '(?=\\n?$)' : c;
  }
  return out;
}

/** Parses a Python replacement template (re.sub / Match.expand rules) into literal text and group references. */
export function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') pieces.push(text);
    text = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '\\') {
      text += c;
      continue;
    }
    const next = template[i + 1];
    if (next === undefined) throw new TemplateError('bad escape (end of pattern)');
    if (next === 'g') {
      const close = template.indexOf('>', i + 3);
      if (template[i + 2] !== '<' || close < 0) throw new TemplateError('missing group name in \\g<…>');
      const name = template.slice(i + 3, close);
      if (/^\d+$/.test(name)) {
        flush();
        pieces.push({ group: Number(name) });
      } else if (/^[A-Za-z_]\w*$/.test(name)) {
        flush();
        pieces.push({ group: name });
      } else throw new TemplateError(`bad character in group name '${name}'`);
      i = close;
    } else if (next === '0') {
      let digits = '';
      let j = i + 2;
      while (digits.length < 2 && OCTAL.test(template[j] ?? '')) digits += template[j++];
      text += String.fromCharCode(Number.parseInt(digits || '0', 8));
      i = j - 1;
    } else if (DIGIT.test(next)) {
      const second = template[i + 2] ?? '';
      const third = template[i + 3] ?? '';
      if (OCTAL.test(next) && OCTAL.test(second) && OCTAL.test(third)) {
        const code = Number.parseInt(next + second + third, 8);
        if (code > 0o377)
          throw new TemplateError(`octal escape value \\${next}${second}${third} outside of range 0-0o377`);
        text += String.fromCharCode(code);
        i += 3;
      } else {
        flush();
        const number = DIGIT.test(second) ? next + second : next;
        pieces.push({ group: Number(number) });
        i += number.length;
      }
    } else if (next in ESCAPES) {
      text += ESCAPES[next];
      i++;
    } else if (/[A-Za-z]/.test(next)) {
      throw new TemplateError(`bad escape \\${next}`);
    } else {
      text += `\\${next}`;
      i++;
    }
  }
  flush();
  return pieces;
}

/** The number of capturing groups of a RegExp. */
function groupCount(regexp: RegExp): number {
  return (new RegExp(`${regexp.source}|`, regexp.flags.replace(/[gy]/g, '')).exec('')?.length ?? 1) - 1;
}

/**
 * Compiles a Python replacement template against a pattern: group numbers are checked now (Python's
 * "invalid group reference"), names when a match lacks them. The result expands one match, unmatched groups
 * as empty text (Python 3.5+).
 */
export function pythonTemplate(template: string, regexp: RegExp): (match: RegExpExecArray) => string {
  const pieces = parseTemplate(template);
  const count = groupCount(regexp);
  for (const piece of pieces) {
    if (typeof piece !== 'string' && typeof piece.group === 'number' && piece.group > count)
      throw new TemplateError(`invalid group reference ${piece.group}`);
  }
  return (match) =>
    pieces
      .map((piece) => {
        if (typeof piece === 'string') return piece;
        if (typeof piece.group === 'number') return match[piece.group] ?? '';
        if (!match.groups || !(piece.group in match.groups))
          throw new TemplateError(`unknown group name '${piece.group}'`);
        return match.groups[piece.group] ?? '';
      })
      .join('');
}

/** Python's `re.subn`: replaces every match of `regexp` in `text` with the expanded template; counts them. */
export function pythonSubn(text: string, regexp: RegExp, template: string): { text: string; count: number } {
  const expand = pythonTemplate(template, regexp);
  const global = new RegExp(regexp.source, regexp.flags.includes('g') ? regexp.flags : `${regexp.flags}g`);
  let count = 0;
  const out = text.replace(global, (...args: unknown[]) => {
    count++;
    const hasGroups = typeof args[args.length - 1] === 'object';
    const index = args[args.length - (hasGroups ? 3 : 2)] as number;
    const match = Object.assign(args.slice(0, args.length - (hasGroups ? 3 : 2)) as string[], {
      index,
      input: text,
      groups: hasGroups ? (args[args.length - 1] as Record<string, string>) : undefined,
    }) as unknown as RegExpExecArray;
    return expand(match);
  });
  return { text: out, count };
}
