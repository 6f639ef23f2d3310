import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as protocol from '../../bootstrap/protocol.js';

/** The repository's own docs and source: the test reads nothing outside the repository. */
const doc = readFileSync(fileURLToPath(new URL('../../docs/how-it-works.md', import.meta.url)), 'utf8');
const source = readFileSync(fileURLToPath(new URL('../../bootstrap/protocol.ts', import.meta.url)), 'utf8');

/** The body rows of the first Markdown table after `heading`, as trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(heading);
  expect(start, `docs/how-it-works.md has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of doc.slice(start).split('\n').slice(1)) {
    if (line.startsWith('|'))
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    else if (rows.length > 0) break;
  }
  return rows.slice(2);
}

/** The doc comment written above each entry of `Handle` in protocol.ts, by name. */
function handleComments(): Map<string, string> {
  const body = source.slice(source.indexOf('export const Handle = {'));
  const comments = new Map<string, string>();
  for (const match of body.matchAll(/\/\*\*\s*([\s\S]*?)\s*\*\/\s*(\w+): \d+,/g))
    comments.set(match[2], match[1].replace(/\s*\n\s*\*\s*/g, ' '));
  return comments;
}

/** The first `{…}` field list of a text, fields trimmed (`{a, b?}` → ['a', 'b?']); empty when there is none. */
function fields(text: string): string[] {
  const braces = /`\{([^}`]*)\}`/.exec(text);
  return braces ? braces[1].split(',').map((f) => f.trim()) : [];
}

describe('docs/how-it-works.md and bootstrap/protocol.ts', () => {
  test('every handle in the handle table has the same number in protocol.ts', () => {
    const rows = tableAfter('## 7. Handles');
    expect(rows.map(([, name]) => name).sort()).toEqual(Object.keys(protocol.Handle).sort());
    for (const [number, name] of rows)
      expect(protocol.Handle[name as keyof typeof protocol.Handle], name).toBe(Number(number));
  });

  test("each handle's comment in protocol.ts names the direction and payload fields of the handle table", () => {
    const comments = handleComments();
    for (const [, name, direction, payload] of tableAfter('## 7. Handles')) {
      const comment = comments.get(name);
      expect(comment, `protocol.ts documents ${name}`).toBeDefined();
      expect(
        comment?.toLowerCase().startsWith(direction.toLowerCase()),
        `${name}: "${comment}" starts with "${direction}"`,
      ).toBe(true);
      expect(fields(comment ?? ''), `${name}: payload fields`).toEqual(fields(payload));
    }
  });

  test('the frame header table adds up to the header size with the documented field widths', () => {
    const rows = tableAfter('## 6. Frames');
    const header = rows.map(([field, bytes]) => [field.replaceAll('`', ''), Number(bytes)] as const);
    expect(header.map(([field]) => field)).toEqual([
      'magic',
      'enc',
      'dst_id',
      'src_id',
      'auth_id',
      'handle',
      'reply_to',
      'length',
    ]);
    expect(header.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(protocol.HEADER_SIZE);
    expect(doc).toContain(`${protocol.HEADER_SIZE}-byte big-endian header`);
    expect(doc).toContain(`\`0x${protocol.MAGIC.toString(16)}\``);
  });

  test('the encodings and constants in the text match protocol.ts', () => {
    expect(doc).toContain(`\`${protocol.Encoding.STRUCTURED}\` structured codec`);
    expect(doc).toContain(`\`${protocol.Encoding.RAW}\` raw bytes`);
    expect(doc).toContain(`\`${protocol.Encoding.TEXT}\` UTF-8 text`);
    expect(doc).toContain(`${protocol.IS_DEAD} marks a dead message`);
    expect(doc).toContain(
      `well-known < ${protocol.FIRST_DYNAMIC_HANDLE}, dynamic ≥ ${protocol.FIRST_DYNAMIC_HANDLE}`,
    );
    expect(doc).toContain(`(blocks of ${protocol.ID_BLOCK_SIZE})`);
    expect(doc).toContain(`in ${protocol.CHUNK_SIZE / 1024} KiB\nraw frames`);
    expect(doc).toContain(`the window (${protocol.TRANSFER_WINDOW} chunks`);
  });

  test('the field-list reader of this test finds a mismatch', () => {
    expect(fields('`{logger, level}`')).not.toEqual(fields('`{name, level, message, context}`'));
    expect(fields('empty')).toEqual([]);
  });
});
