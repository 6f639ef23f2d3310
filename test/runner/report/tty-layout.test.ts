import { describe, expect, it } from 'vitest';
import type { RunEventOf } from '../../../runner/report/events.js';
import { makePalette } from '../../../runner/report/palette.js';
import {
  applyOutput,
  applyResult,
  failureLines,
  formatElapsed,
  newRow,
  OUTPUT_TAIL,
  rowFailed,
  rowTitle,
} from '../../../runner/report/tty-layout.js';

const start: RunEventOf<'task:start'> = {
  kind: 'task:start',
  play: 'p',
  task: 'install',
  taskId: 't1',
  handler: false,
  time: 0,
};
const result = (
  host: string,
  status: RunEventOf<'task:result'>['status'],
  extra: Partial<RunEventOf<'task:result'>> = {},
): RunEventOf<'task:result'> => ({
  kind: 'task:result',
  host,
  taskId: 't1',
  task: 'install',
  status,
  result: {},
  durationMs: 1,
  time: 0,
  ...extra,
});

describe('tty layout', () => {
  it('titles a row with per-status host counts, progress and elapsed time', () => {
    const row = newRow(start, 4, 1000);
    applyResult(row, result('a', 'ok'));
    applyResult(row, result('b', 'changed'));
    applyResult(row, result('c', 'changed'));
    expect(rowTitle(row, 2500, makePalette(0))).toBe('TASK [install]  ok=1 changed=2  3/4 hosts  1.5s');
  });

  it('counts a looping host once and keeps it failed when any item failed', () => {
    const row = newRow(start, 1, 0);
    applyResult(row, result('a', 'changed', { item: { label: 'x', index: 0 } }));
    applyResult(row, result('a', 'failed', { item: { label: 'y', index: 1 }, msg: 'no such package' }));
    applyResult(row, result('a', 'ok', { item: { label: 'z', index: 2 } }));
    expect(rowTitle(row, 10, makePalette(0))).toBe('TASK [install]  ok=0 failed=1  1/1 hosts  10ms');
    expect(failureLines(row, makePalette(0))).toEqual(['a (item=y): no such package']);
    expect(rowFailed(row)).toBe(true);
  });

  it('does not mark a row failed for ignored errors', () => {
    const row = newRow(start, 1, 0);
    applyResult(row, result('a', 'ignored', { msg: 'rc 1' }));
    expect(rowFailed(row)).toBe(false);
  });

  it('does not mark a row failed for rescued errors, and notes them as rescued', () => {
    const row = newRow(start, 1, 0);
    applyResult(row, result('a', 'rescued', { msg: 'non-zero return code', result: { rc: 2 } }));
    expect(rowFailed(row)).toBe(false);
    expect(rowTitle(row, 5, makePalette(0))).toBe('TASK [install]  ok=0 rescued=1  1/1 hosts  5ms');
    expect(failureLines(row, makePalette(0))).toEqual(['a: non-zero return code (rc=2) (rescued)']);
  });

  it('notes a failure with its rc and the last five lines of stderr and stdout', () => {
    const row = newRow(start, 1, 0);
    const stderr = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', ''].join('\n');
    applyResult(row, result('a', 'failed', { msg: 'boom', result: { rc: 7, stderr, stdout_lines: ['o1'] } }));
    expect(failureLines(row, makePalette(0))).toEqual([
      'a: boom (rc=7)',
      '  stderr: e2',
      '  stderr: e3',
      '  stderr: e4',
      '  stderr: e5',
      '  stderr: e6',
      '  stdout: o1',
    ]);
  });

  it("notes debug messages, msg as text and var=x as the variable's JSON", () => {
    const row = newRow({ ...start, module: 'debug' }, 2, 0);
    applyResult(row, result('a', 'ok', { result: { changed: false, msg: 'line one\nline two' } }));
    applyResult(row, result('b', 'ok', { result: { changed: false, answer: { n: 42 } } }));
    expect(failureLines(row, makePalette(0))).toEqual(['a: line one', '  line two', 'b: answer: {"n": 42}']);
  });

  it('leaves no note for ok results of other modules', () => {
    const row = newRow({ ...start, module: 'copy' }, 1, 0);
    applyResult(row, result('a', 'changed', { result: { changed: true, msg: 'copied' } }));
    expect(row.notes).toEqual([]);
  });

  it('keeps only the last lines of live output', () => {
    const row = newRow(start, 1, 0);
    for (let i = 0; i < 10; i++) applyOutput(row, 'a', `line ${i}`);
    expect(row.output).toHaveLength(OUTPUT_TAIL);
    expect(row.output.at(-1)).toBe('[a] line 9');
  });

  it('formats elapsed times in ms, seconds and minutes', () => {
    expect(formatElapsed(850)).toBe('850ms');
    expect(formatElapsed(1234)).toBe('1.2s');
    expect(formatElapsed(125_000)).toBe('2m05s');
  });
});
