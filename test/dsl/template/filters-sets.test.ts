import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = {
  a: [{ x: 1 }, [1, 2], 'A', 3],
  b: [{ x: 1 }, [2, 1], 'a', 4],
  users: [
    { name: 'ann', groups: ['wheel', 'adm'], auth: { keys: ['k1'] } },
    { name: 'bob', groups: [], auth: {} },
  ],
};
const ev = (expression: string) => templar.evaluate(expression, vars);

describe("Ansible's list and set filters", () => {
  test('unique compares dicts and lists by value and strings without case unless asked', () => {
    // With unhashable items Ansible falls back to its own unique, which compares strings with case.
    expect(ev('[{"x": 1}, {"x": 1}, [1], [1], "a", "A", 1, 1.0] | unique')).toEqual([
      { x: 1 },
      [1],
      'a',
      'A',
      1,
    ]);
    expect(ev('["a", "A", 1, 1.0] | unique')).toEqual(['a', 1]);
    expect(() => ev('[{"x": 1}] | unique(case_sensitive=False)')).toThrow(/cannot fall back/);
    expect(() => ev('True | unique')).toThrow(/'bool' object is not iterable/);
    expect(ev('["a", "A"] | unique(case_sensitive=True)')).toEqual(['a', 'A']);
    expect(ev('(users + users) | unique(attribute="name") | map(attribute="name") | list')).toEqual([
      'ann',
      'bob',
    ]);
  });

  test('difference, intersect, union and symmetric_difference compare by value and drop repeats', () => {
    expect(ev('a | difference(b)')).toEqual([[1, 2], 'A', 3]);
    expect(ev('a | intersect(b)')).toEqual([{ x: 1 }]);
    expect(ev('a | union(b)')).toEqual([{ x: 1 }, [1, 2], 'A', 3, [2, 1], 'a', 4]);
    expect(ev('[1, 2, 2] | symmetric_difference([2, 3, 3])')).toEqual([1, 3]);
    expect(ev('[1, 1, 2] | difference([])')).toEqual([1, 2]);
  });

  test('zip, zip_longest and product combine lists like itertools', () => {
    expect(ev('[1, 2, 3] | zip(["a", "b"]) | list')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(ev('[1, 2] | zip_longest(["a"]) | list')).toEqual([
      [1, 'a'],
      [2, null],
    ]);
    expect(ev('[1, 2] | product(["a"], [True]) | list')).toEqual([
      [1, 'a', true],
      [2, 'a', true],
    ]);
  });

  test('subelements pairs each item with each element of a nested list', () => {
    expect(ev('users | subelements("groups") | map("last") | list')).toEqual(['wheel', 'adm']);
    expect(ev('users | subelements("auth.keys", skip_missing=True) | map("last") | list')).toEqual(['k1']);
    expect(() => ev('users | subelements("auth.keys")')).toThrow(/could not find 'keys'/);
  });

  test('dict2items and items2dict round-trip, also with other key names', () => {
    const dict = { b: 2, a: [1] };
    expect(templar.evaluate('d | dict2items | items2dict', { d: dict })).toEqual(dict);
    expect(templar.evaluate('d | dict2items(key_name="k", value_name="v")', { d: dict })).toEqual([
      { k: 'b', v: 2 },
      { k: 'a', v: [1] },
    ]);
    expect(
      templar.evaluate('d | dict2items("k", "v") | items2dict(key_name="k", value_name="v")', { d: dict }),
    ).toEqual(dict);
    expect(() => ev('[1] | dict2items')).toThrow(/requires a dictionary/);
  });

  test("a filter's type error about an undefined value is an undefined-variable error, as Ansible reads it", () => {
    let code: unknown;
    try {
      ev('missing | dict2items');
    } catch (error) {
      code = (error as { code?: unknown }).code;
    }
    expect(code).toBe('undefined');
  });
});
