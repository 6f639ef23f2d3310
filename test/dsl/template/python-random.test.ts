import { describe, expect, test } from 'vitest';
import { pyRandom, randrange, shuffle } from '../../../dsl/template/python-random.js';

// Expected values are what CPython 3.11's random.Random(seed) gives (as Ansible's random/shuffle filters use it).
describe("Python's seeded random generator", () => {
  test('a string seed shuffles a list as Python does', () => {
    expect(shuffle(pyRandom('localhost'), [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([6, 1, 2, 4, 5, 3, 9, 7, 8]);
  });

  test('randrange with string and integer seeds picks what Python picks, also above 32 bits', () => {
    expect(randrange(pyRandom('x'), 0, 100, 1)).toBe(80);
    expect(randrange(pyRandom(3), 0, 40, 1)).toBe(15);
    expect(randrange(pyRandom(3), 0, 2 ** 40, 1)).toBe(285805288266);
  });

  test('a choice among 19 items with a host name seed is the same index as in Python', () => {
    expect('9223372036854775807'[pyRandom('localhost').below(19)]).toBe('7');
  });
});
