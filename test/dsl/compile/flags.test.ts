import { describe, expect, test } from 'vitest';
import { keywordBoolean, keywordFlag } from '../../../dsl/compile/flags.js';

describe('boolean keywords are normalised at compile time', () => {
  test("every spelling of Ansible's truth table becomes a boolean", () => {
    for (const value of ['y', 'YES', 'on', 'True', 't', '1', 1, true])
      expect(keywordFlag(value), String(value)).toBe(true);
    for (const value of ['n', 'No', 'off', 'FALSE', 'f', '0', 0, false])
      expect(keywordFlag(value), String(value)).toBe(false);
  });

  test('a template stays text for the runner and an absent keyword stays absent', () => {
    expect(keywordFlag('{{ quiet }}')).toBe('{{ quiet }}');
    expect(keywordFlag(undefined)).toBeUndefined();
    expect(keywordBoolean(undefined)).toBeUndefined();
    expect(keywordBoolean(undefined, true)).toBe(true);
    expect(keywordBoolean('n', true)).toBe(false);
  });
});
