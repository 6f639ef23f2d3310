import { createTwoFilesPatch } from 'diff';
import type { ResultDiff } from './events.js';
import type { Palette } from './palette.js';

/**
 * Renders `--diff` entries as text: content changes as a unified diff (`--- before: path` / `+++ after: path`,
 * like Ansible), attribute changes as `path: before → after` lines. Colour when a palette is on.
 */
export function renderDiff(entries: ResultDiff[], palette?: Palette): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.kind === 'attributes') {
      lines.push(`${entry.path}: ${entry.before} → ${entry.after}`);
      continue;
    }
    // Without a path (a diff of dicts), the headers are Ansible's bare `before` / `after`.
    const patch = createTwoFilesPatch(
      entry.path ? `before: ${entry.path}` : 'before',
      entry.path ? `after: ${entry.path}` : 'after',
      entry.before,
      entry.after,
      undefined,
      undefined,
      {
        context: 3,
      },
    );
    // Drop the `Index:`/`===` preamble the diff package writes; keep ---/+++ and the hunks.
    const body = patch
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('Index:') && !/^=+$/.test(line));
    for (const line of body) lines.push(palette?.enabled ? colorLine(line, palette) : line);
  }
  return lines;
}

function colorLine(line: string, palette: Palette): string {
  if (line.startsWith('+++') || line.startsWith('---')) return line;
  if (line.startsWith('+')) return palette.diffAdd(line);
  if (line.startsWith('-')) return palette.diffRemove(line);
  if (line.startsWith('@@')) return palette.diffHunk(line);
  return line;
}
