import { describe, expect, test } from 'vitest';
import { pyRepr } from '../../../dsl/template/python-repr.js';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = { l: ['a', 2], d: { k: 'v', n: null }, yes: true, empty: [], nothing: null };

describe('values printed inside text read as Python prints them', () => {
  test('lists, dicts, booleans and None use Python repr', () => {
    expect(pyRepr(['a', 2, true, null, { "it's": 'x"y' }])).toBe(`['a', 2, True, None, {"it's": 'x"y'}]`);
    expect(templar.render('l={{ l }} d={{ d }} b={{ yes }} n={{ nothing }}', vars)).toBe(
      "l=['a', 2] d={'k': 'v', 'n': None} b=True n=",
    );
    expect(templar.render("{{ 'x' ~ l ~ yes }}", vars)).toBe("x['a', 2]True");
  });

  test('a lone expression keeps its native value', () => {
    expect(templar.render('{{ l }}', vars)).toEqual(['a', 2]);
  });
});

describe('Python operators and truth in templates', () => {
  test('+ joins lists, * repeats strings and lists', () => {
    expect(templar.evaluate('[1] + [2, 3]', vars)).toEqual([1, 2, 3]);
    expect(templar.evaluate("'-' * 3", vars)).toBe('---');
    expect(templar.evaluate('[0] * 2', vars)).toEqual([0, 0]);
    expect(templar.evaluate('2 * 3 + 1', vars)).toBe(7);
  });

  test('empty lists and dicts are false in or, and, not, if and conditions', () => {
    expect(templar.evaluate("empty or 'fallback'", vars)).toBe('fallback');
    expect(templar.evaluate("'a' if empty else 'b'", vars)).toBe('b');
    expect(templar.evaluate('not empty', vars)).toBe(true);
    expect(templar.render('{% if empty %}T{% else %}F{% endif %}', vars)).toBe('F');
    expect(templar.isTrue('empty', vars)).toBe(false);
    expect(templar.isTrue('l', vars)).toBe(true);
  });

  test('a dict literal nested in a dict closes with }} as in Jinja2', () => {
    expect(templar.render("{{ {'a': {'b': 1}} }}", vars)).toEqual({ a: { b: 1 } });
    expect(templar.render("x {{ {'a': {'b': '}}'}} }}", vars)).toBe("x {'a': {'b': '}}'}}");
  });
});
