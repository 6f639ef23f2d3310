import type { Position } from '../yaml/load.js';
import { childPath } from '../yaml/load.js';

/**
 * Where a TypeScript playbook built each play, block and task, so its mistakes are reported at file:line:col
 * like YAML's. The builders stamp the stack of their call on what they return (a hidden, non-enumerable
 * property; the symbol is global because the playbook bundles its own copy of this file); the loader maps
 * those frames back to the playbook's source (runner/play/playbook-source-map.ts).
 */
const SOURCE_AT = Symbol.for('spindle.sourceAt');

/** One stack frame: a file and a 1-based line and column. */
export interface StackFrame extends Position {
  file: string;
}

/** The frames of an error's stack (`at f (/x.js:3:5)` and `at /x.js:3:5`), innermost first. */
export function stackFrames(stack: string | undefined): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const file = decodeURIComponent(match[1].replace(/^file:\/\//, ''));
    frames.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/** Stamps the caller's stack on a builder's result (and returns it). */
export function located<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.hasOwn(value, SOURCE_AT))
    Object.defineProperty(value, SOURCE_AT, { value: stackFrames(new Error().stack), enumerable: false });
  return value;
}

/** The positions of a playbook value's stamped parts, by data path (`[0].tasks[2]`), as `place` reads them. */
export function sourcePositions(
  value: unknown,
  place: (frames: StackFrame[]) => Position | undefined,
): Map<string, Position> {
  const positions = new Map<string, Position>();
  const walk = (node: unknown, path: string, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    const frames = (node as { [SOURCE_AT]?: StackFrame[] })[SOURCE_AT];
    const position = frames && place(frames);
    if (position) positions.set(path, position);
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, childPath(path, index), depth + 1));
    else for (const [key, child] of Object.entries(node)) walk(child, childPath(path, key), depth + 1);
  };
  walk(value, '', 0);
  return positions;
}
