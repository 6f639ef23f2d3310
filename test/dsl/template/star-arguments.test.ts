import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = { phrases: ['a', 'b'], name: 'x' };

describe('star arguments in calls', () => {
  test('spread a list into the positional arguments, before keyword arguments', () => {
    expect(templar.evaluate("query('list', *phrases)", vars)).toEqual(['a', 'b']);
    expect(templar.evaluate("lookup('list', wantlist=True, *phrases)", vars)).toEqual(['a', 'b']);
    expect(templar.evaluate("'{}-{}'.format(*phrases)", vars)).toBe('a-b');
    expect(templar.evaluate('range(*[1, 4]) | list', vars)).toEqual([1, 2, 3]);
  });

  test('leave multiplication alone', () => {
    expect(templar.evaluate('[2 * 3, name * 2]', vars)).toEqual([6, 'xx']);
  });
});
