import { describe, expect, it } from 'vitest';
import { pythonLiteral } from '../../../dsl/inventory/python-literal.js';

describe('pythonLiteral reads INI values as ast.literal_eval does', () => {
  it('reads numbers, booleans, None, strings and containers', () => {
    expect(pythonLiteral('8080')).toBe(8080);
    expect(pythonLiteral('-5')).toBe(-5);
    expect(pythonLiteral('1_000')).toBe(1000);
    expect(pythonLiteral('0x1F')).toBe(31);
    expect(pythonLiteral('0o17')).toBe(15);
    expect(pythonLiteral('1.5')).toBe(1.5);
    expect(pythonLiteral('2e3')).toBe(2000);
    expect(pythonLiteral('True')).toBe(true);
    expect(pythonLiteral('None')).toBe(null);
    expect(pythonLiteral("'quoted'")).toBe('quoted');
    expect(pythonLiteral('"a \\"b\\""')).toBe('a "b"');
    expect(pythonLiteral("[1, 'a', [True]]")).toEqual([1, 'a', [true]]);
    expect(pythonLiteral("{'k': 1, 'l': (2, 3)}")).toEqual({ k: 1, l: [2, 3] });
  });

  it('keeps text that is not a Python literal', () => {
    for (const text of [
      'yes',
      'true',
      'production',
      '0.0.0.0',
      '010',
      '1.2.3',
      '10abc',
      ' 1',
      "'open",
      '[1,',
      '-',
    ])
      expect(pythonLiteral(text)).toBe(text);
  });
});
