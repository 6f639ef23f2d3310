import { describe, expect, test } from 'vitest';
import { combineVars } from '../../../dsl/vars/combine.js';

describe('combineVars follows hash_behaviour', () => {
  const low = { conf: { a: 1, nested: { x: 1, y: 1 } }, list: [1, 2], plain: 'low' };
  const high = { conf: { b: 2, nested: { y: 2 } }, list: [3], plain: 'high' };

  test('replace lets the higher layer replace a dictionary whole', () => {
    expect(combineVars('replace', low, high)).toEqual(high);
    expect(combineVars(undefined, low, high)).toEqual(high);
  });

  test('merge merges dictionaries recursively and replaces lists and scalars', () => {
    expect(combineVars('merge', low, high)).toEqual({
      conf: { a: 1, b: 2, nested: { x: 1, y: 2 } },
      list: [3],
      plain: 'high',
    });
  });

  test('merge leaves its inputs untouched', () => {
    combineVars('merge', low, high);
    expect(low.conf).toEqual({ a: 1, nested: { x: 1, y: 1 } });
  });
});
