/** Python's `fnmatch` pattern (`*`, `?`, `[seq]`, `[!seq]`) as an anchored regular expression. */
function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/**
 * setup's `filter`: keeps the top-level facts whose name matches one of the patterns; a pattern without the
 * `ansible_` (or facter/ohai) prefix also matches with it. No pattern, or `*`, keeps everything.
 */
export function filterFacts(facts: Record<string, unknown>, patterns: string[]): Record<string, unknown> {
  if (patterns.length === 0 || (patterns.length === 1 && patterns[0] === '*')) return facts;
  const kept: Record<string, unknown> = {};
  for (const pattern of patterns) {
    const plain = globRegExp(pattern);
    const prefixed = /^(ansible_|facter|ohai)/.test(pattern) ? undefined : globRegExp(`ansible_${pattern}`);
    for (const [name, value] of Object.entries(facts))
      if (!pattern || plain.test(name) || prefixed?.test(name)) kept[name] = value;
  }
  return kept;
}
