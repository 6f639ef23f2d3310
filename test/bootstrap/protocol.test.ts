import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as protocol from '../../bootstrap/protocol.js';
import { packageRoot } from '../../runner/core/package-root.js';

const design = readFileSync(join(packageRoot(), '..', 'shared', 'DESIGN.md'), 'utf8');

function tableAfter(heading: string): string[][] {
  const start = design.indexOf(heading);
  expect(start, `DESIGN.md has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of design.slice(start).split('\n').slice(1)) {
    if (line.startsWith('|')) {
      rows.push(
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    } else if (rows.length > 0) break;
  }
  return rows.slice(2);
}

describe('DESIGN.md and bootstrap/protocol.ts', () => {
  test('every handle in the handle table has the same number in protocol.ts', () => {
    const rows = tableAfter('### 4.2 Well-known handles');
    expect(rows.length).toBe(Object.keys(protocol.Handle).length);
    for (const [number, name] of rows) {
      expect(protocol.Handle[name as keyof typeof protocol.Handle], name).toBe(Number(number));
    }
  });

  test('the frame header table adds up to the header size with the documented field widths', () => {
    const rows = tableAfter('### 4.1 Frame');
    const fields = rows.map(([field, bytes]) => [field.replaceAll('`', ''), Number(bytes)] as const);
    expect(fields.map(([field]) => field)).toEqual([
      'magic',
      'enc',
      'dst_id',
      'src_id',
      'auth_id',
      'handle',
      'reply_to',
      'length',
    ]);
    expect(fields.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(protocol.HEADER_SIZE);
    expect(design).toContain(`${protocol.HEADER_SIZE}-byte header`);
    expect(design).toContain(`\`0x${protocol.MAGIC.toString(16)}\``);
  });

  test('the encodings and constants in the text match protocol.ts', () => {
    expect(design).toContain(`\`${protocol.Encoding.STRUCTURED}\` structured`);
    expect(design).toContain(`\`${protocol.Encoding.RAW}\` raw bytes`);
    expect(design).toContain(`\`${protocol.Encoding.TEXT}\` UTF-8 text`);
    expect(design).toContain(`IS_DEAD = ${protocol.IS_DEAD}`);
    expect(design).toContain(`CHUNK_SIZE = ${protocol.CHUNK_SIZE / 1024} KiB`);
    expect(design).toContain(`maxMessageSize = ${protocol.DEFAULT_MAX_MESSAGE_SIZE / 1024 / 1024} MiB`);
    expect(design).toContain(`first dynamic handle ${protocol.FIRST_DYNAMIC_HANDLE}`);
    expect(design).toContain(`id block ${protocol.ID_BLOCK_SIZE}`);
  });
});
