/**
 * Ansible's section header: `PLAY [name] ****…` padded with stars to the terminal width (80 columns when
 * output is not a terminal, as Ansible does), at least three stars, preceded by a blank line.
 */
export function banner(title: string, columns = 80): string {
  const text = title.trim();
  const stars = Math.max(3, columns - 1 - text.length);
  return `\n${text} ${'*'.repeat(stars)}`;
}
