import { dirname, resolve, sep } from 'node:path';
import type { StackFrame } from '../../dsl/typescript/source-location.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One decoded mapping segment: generated column → original source index, line and column (all 0-based). */
type Segment = [number, number, number, number];

/** Decodes a source map's `mappings` (base64 VLQ) into segments per generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const text of mappings.split(';')) {
    const segments: Segment[] = [];
    let generated = 0;
    for (const part of text.split(',')) {
      if (!part) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of part) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generated += values[0];
      if (values.length < 4) continue;
      source += values[1];
      line += values[2];
      column += values[3];
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * Maps stack frames of a bundled TypeScript playbook back to its sources with esbuild's source map, so a
 * builder's call site or a thrown error is named by the playbook's own file:line:col.
 */
export class PlaybookSourceMap {
  private readonly lines: Segment[][];
  private readonly sources: string[];

  /** `outfile` as esbuild wrote it (its sources are relative to it) and its real path (what stacks name). */
  constructor(
    private readonly outfile: string,
    private readonly realOutfile: string,
    map: { sources: string[]; mappings: string },
  ) {
    this.lines = decodeMappings(map.mappings);
    this.sources = map.sources.map((source) => resolve(dirname(outfile), source));
  }

  /** A frame in source terms: bundle frames mapped, others (already source-mapped by Node) as they are. */
  original(frame: StackFrame): StackFrame | undefined {
    if (frame.file !== this.outfile && frame.file !== this.realOutfile) return frame;
    const segments = this.lines[frame.line - 1] ?? [];
    let found: Segment | undefined;
    for (const segment of segments) if (segment[0] <= frame.column - 1) found = segment;
    if (!found) return undefined;
    return { file: this.sources[found[1]], line: found[2] + 1, column: found[3] + 1 };
  }

  /** The first frame outside Spindle's DSL and node_modules, in source terms: the user's line. */
  userFrame(frames: StackFrame[]): StackFrame | undefined {
    for (const frame of frames) {
      const mapped = this.original(frame);
      if (!mapped || mapped.file.startsWith('node:')) continue;
      if (
        /[/\\]dsl[/\\]typescript[/\\]/.test(mapped.file) ||
        mapped.file.includes(`${sep}node_modules${sep}`)
      )
        continue;
      return mapped;
    }
    return undefined;
  }
}
