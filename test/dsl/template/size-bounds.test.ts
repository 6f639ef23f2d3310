import { describe, expect, test } from 'vitest';
import { MAX_PADDING, MAX_RANGE_LENGTH } from '../../../dsl/template/size-bounds.js';
import { Templar, TemplateError } from '../../../dsl/template/templar.js';

describe('template expressions cannot exhaust the controller', () => {
  const templar = new Templar();

  test('range() past its limit fails the render with a TemplateError instead of a V8 fatal error', () => {
    expect(() => templar.render('{{ range(10000000000) | list }}', {})).toThrow(TemplateError);
    expect(() => templar.render('{{ range(10000000000) | list }}', {})).toThrow(
      new RegExp(`over the limit of ${MAX_RANGE_LENGTH}`),
    );
  });

  test('range() keeps Python semantics below the limit', () => {
    expect(templar.render('{{ range(3) | list }}', {})).toEqual([0, 1, 2]);
    expect(templar.render('{{ range(1, 10, 3) | list }}', {})).toEqual([1, 4, 7]);
    expect(templar.render('{{ range(10, 0, -4) | list }}', {})).toEqual([10, 6, 2]);
    expect(templar.render('{{ range(5, 1) | list }}', {})).toEqual([]);
  });

  test('padding filters refuse widths past their limit', () => {
    expect(() => templar.render('{{ "x" | center(10000000000) }}', {})).toThrow(
      new RegExp(`over the limit of ${MAX_PADDING}`),
    );
    expect(() => templar.render('{{ "a\\nb" | indent(10000000000) }}', {})).toThrow(TemplateError);
    expect(templar.render('{{ "x" | center(5) }}', {})).toBe('  x  ');
  });
});
