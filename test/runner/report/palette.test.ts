import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../../runner/report/palette.js';
import { defaultReporterName } from '../../../runner/report/select-reporter.js';

describe('colour and reporter choice', () => {
  it('colours a terminal and not a pipe', () => {
    expect(colorLevel({}, true)).toBeGreaterThan(0);
    expect(colorLevel({}, false)).toBe(0);
  });

  it('turns colour off with NO_COLOR or ANSIBLE_NOCOLOR even on a terminal', () => {
    expect(colorLevel({ NO_COLOR: '1' }, true)).toBe(0);
    expect(colorLevel({ ANSIBLE_NOCOLOR: 'true' }, true)).toBe(0);
  });

  it('lets FORCE_COLOR win over NO_COLOR and pipes', () => {
    expect(colorLevel({ FORCE_COLOR: '3', NO_COLOR: '1' }, false)).toBe(3);
    expect(colorLevel({ FORCE_COLOR: '' }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '0' }, true)).toBe(0);
  });

  it('falls back to plain lines when stdout is not a terminal, in CI, or on a dumb terminal', () => {
    expect(defaultReporterName(true, {})).toBe('tty');
    expect(defaultReporterName(false, {})).toBe('plain');
    expect(defaultReporterName(true, { CI: 'true' })).toBe('plain');
    expect(defaultReporterName(true, { TERM: 'dumb' })).toBe('plain');
  });
});
