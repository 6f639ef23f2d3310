/**
 * Breaks text into lines of at most `width` characters as Python's `textwrap.wrap` does with its defaults, the
 * way Ansible prints warnings (79 columns when stdout is not a terminal): at spaces, after a hyphen inside a
 * word, and inside a word longer than a line (filling the line first); spaces at line ends are dropped.
 */
export function wrapText(text: string, width = 79): string[] {
  const chunks = text
    .replace(/\s/g, ' ')
    .split(/( +)/)
    .flatMap((chunk) => (chunk.startsWith(' ') ? [chunk] : chunk.split(/(?<=[A-Za-z]-)(?=[A-Za-z])/)))
    .filter((chunk) => chunk !== '')
    .reverse();
  const blank = (chunk: string | undefined) => chunk !== undefined && chunk.trim() === '';
  const lines: string[] = [];
  while (chunks.length > 0) {
    const line: string[] = [];
    let length = 0;
    if (blank(chunks.at(-1)) && lines.length > 0) chunks.pop();
    while (chunks.length > 0 && length + (chunks.at(-1) as string).length <= width) {
      const chunk = chunks.pop() as string;
      line.push(chunk);
      length += chunk.length;
    }
    const next = chunks.at(-1);
    if (next !== undefined && next.length > width) {
      const room = Math.max(width - length, 1);
      line.push(next.slice(0, room));
      chunks[chunks.length - 1] = next.slice(room);
    }
    if (blank(line.at(-1))) line.pop();
    if (line.length > 0) lines.push(line.join(''));
  }
  return lines;
}
