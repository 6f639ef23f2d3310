import { pythonRegExp, pythonTemplate } from '../text/python-re.js';

/** The arguments that decide where a line goes (Ansible's lineinfile rules). */
export interface LinePlacement {
  line?: string;
  regexp?: string;
  search_string?: string;
  state: 'present' | 'absent';
  insertafter?: string;
  insertbefore?: string;
  firstmatch: boolean;
  backrefs: boolean;
}

/** The edited text and what happened, or `null` when the file already complies. */
export interface LineEdit {
  text: string;
  msg: string;
  /** How many lines state=absent removed (Ansible's `found`). */
  found?: number;
}

function lastIndex(lines: string[], test: (line: string) => boolean, first: boolean): number {
  let found = -1;
  for (let i = 0; i < lines.length; i++) {
    if (test(lines[i])) {
      found = i;
      if (first) break;
    }
  }
  return found;
}

/** Applies lineinfile's rules to `text`: replace the matching line, insert after/before a match, or remove. */
export function editLines(text: string, p: LinePlacement): LineEdit | null {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const regexp = p.regexp !== undefined ? pythonRegExp(p.regexp) : undefined;
  const matcher = regexp
    ? (l: string) => regexp.test(l)
    : p.search_string !== undefined
      ? (l: string) => l.includes(p.search_string!)
      : undefined;
  const join = (out: string[]) => (out.length === 0 ? '' : `${out.join('\n')}\n`);
  if (p.state === 'absent') {
    const kept = lines.filter((l) => !(matcher ? matcher(l) : l === p.line));
    return kept.length === lines.length
      ? null
      : {
          text: join(kept),
          msg: `${lines.length - kept.length} line(s) removed`,
          found: lines.length - kept.length,
        };
  }
  const wanted = p.line ?? '';
  if (matcher) {
    const at = lastIndex(lines, matcher, p.firstmatch);
    if (at >= 0) {
      // Ansible: with backrefs the whole line becomes the template expanded with the match (Match.expand).
      const replacement =
        p.backrefs && regexp ? pythonTemplate(wanted, regexp)(regexp.exec(lines[at])!) : wanted;
      if (lines[at] === replacement) return null;
      const out = [...lines];
      out[at] = replacement;
      return { text: join(out), msg: 'line replaced' };
    }
    if (p.backrefs) return null;
  }
  if (lines.includes(wanted)) return null;
  const out = [...lines];
  if (p.insertbefore !== undefined) {
    if (p.insertbefore === 'BOF') out.unshift(wanted);
    else {
      const re = pythonRegExp(p.insertbefore);
      const at = lastIndex(lines, (l) => re.test(l), p.firstmatch);
      if (at >= 0) out.splice(at, 0, wanted);
      else out.push(wanted);
    }
  } else if (p.insertafter !== undefined && p.insertafter !== 'EOF') {
    const re = pythonRegExp(p.insertafter);
    const at = lastIndex(lines, (l) => re.test(l), p.firstmatch);
    if (at >= 0) out.splice(at + 1, 0, wanted);
    else out.push(wanted);
  } else out.push(wanted);
  return { text: join(out), msg: 'line added' };
}
