import { describe, expect, test } from 'vitest';
import {
  toBoolean,
  toDict,
  toFloat,
  toInteger,
  toList,
  toText,
} from '../../../modules/contract/arg-types.js';

describe("Ansible's argument type conversions", () => {
  test('booleans accept the words of convert_bool in any case and the numbers 1 and 0', () => {
    for (const word of ['yes', 'YES', ' yes', 'on', 'True', 'true', 't', 'y', '1', 1, true])
      expect(toBoolean(word), String(word)).toBe(true);
    for (const word of ['no', 'No', 'off', 'FALSE', 'f', 'n', '0', 0, false])
      expect(toBoolean(word), String(word)).toBe(false);
    for (const word of ['maybe', '', 2, null, []]) expect(toBoolean(word)).toBeUndefined();
  });

  test('integers accept numeric text without a fractional part, as check_type_int does', () => {
    expect(toInteger('10')).toBe(10);
    expect(toInteger(' -3 ')).toBe(-3);
    expect(toInteger('10.0')).toBe(10);
    expect(toInteger('1e3')).toBe(1000);
    expect(toInteger(7)).toBe(7);
    expect(toInteger('10.5')).toBeUndefined();
    expect(toInteger(2.5)).toBeUndefined();
    expect(toInteger('ten')).toBeUndefined();
    expect(toInteger(true)).toBeUndefined();
  });

  test('floats accept numeric text, numbers and booleans', () => {
    expect(toFloat('2.5')).toBe(2.5);
    expect(toFloat('.5')).toBe(0.5);
    expect(toFloat(3)).toBe(3);
    expect(toFloat(true)).toBe(1);
    expect(toFloat('x')).toBeUndefined();
  });

  test('strings accept numbers and booleans as Python writes them', () => {
    expect(toText(10)).toBe('10');
    expect(toText(1.5)).toBe('1.5');
    expect(toText(true)).toBe('True');
    expect(toText({})).toBeUndefined();
  });

  test('lists split text on commas without trimming and wrap numbers', () => {
    expect(toList('a,b, c')).toEqual(['a', 'b', ' c']);
    expect(toList(5)).toEqual(['5']);
    expect(toList(['x'])).toEqual(['x']);
    expect(toList(true)).toBeUndefined();
  });

  test('dicts accept JSON and key=value text', () => {
    expect(toDict('{"a": 1}')).toEqual({ a: 1 });
    expect(toDict('a=1, b="x y" c=2')).toEqual({ a: '1', b: 'x y', c: '2' });
    expect(toDict('a=1, b')).toBeUndefined();
    expect(toDict('plain')).toBeUndefined();
  });
});
