import { describe, expect, test } from 'vitest';
import {
  BOOLEAN_TEXT_PATTERN,
  FALSE_WORDS,
  isAnsibleTrue,
  parseBoolean,
  TRUE_WORDS,
} from '../../modules/ansible-boolean.js';

describe("Ansible's one truth table", () => {
  test('the true and false words of convert_bool are read in any case with surrounding spaces', () => {
    for (const word of ['y', 'Y', 'yes', 'On', 'TRUE', 't', 'T', '1', ' yes ', 1, true])
      expect(parseBoolean(word), String(word)).toBe(true);
    for (const word of ['n', 'N', 'no', 'OFF', 'False', 'f', '0', '\tno', 0, false])
      expect(parseBoolean(word), String(word)).toBe(false);
  });

  test('anything outside the table is no boolean when strict and false when lenient', () => {
    for (const value of ['maybe', '', 'yess', 2, -1, null, undefined, [], {}]) {
      expect(parseBoolean(value), String(value)).toBeUndefined();
      expect(isAnsibleTrue(value), String(value)).toBe(false);
    }
  });

  test('the schema pattern accepts exactly the words of the table, in any case', () => {
    const pattern = new RegExp(BOOLEAN_TEXT_PATTERN);
    for (const word of [...TRUE_WORDS, ...FALSE_WORDS]) {
      expect(pattern.test(word), word).toBe(true);
      expect(pattern.test(word.toUpperCase()), word).toBe(true);
    }
    for (const word of ['maybe', 'yess', '', '2', 'nope']) expect(pattern.test(word), word).toBe(false);
  });
});
