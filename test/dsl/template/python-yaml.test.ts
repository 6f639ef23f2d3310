import { describe, expect, test } from 'vitest';
import { pyYamlDump } from '../../../dsl/template/python-yaml.js';
import { Templar } from '../../../dsl/template/templar.js';

const structure = [
  'this is a list element',
  { this: 'is a hash element in a list', warp: 9, where: 'endor' },
];

describe('to_yaml and to_nice_yaml as PyYAML writes them', () => {
  test('to_yaml writes collections of scalars in flow style, to_nice_yaml in blocks indented by 4', () => {
    const templar = new Templar();
    expect(templar.render('{{ s | to_yaml }}', { s: structure })).toBe(
      '- this is a list element\n- {this: is a hash element in a list, warp: 9, where: endor}\n',
    );
    expect(templar.render('{{ s | to_nice_yaml }}', { s: structure })).toBe(
      '- this is a list element\n-   this: is a hash element in a list\n    warp: 9\n    where: endor\n',
    );
  });

  test('quotes what YAML 1.1 would read otherwise, folds long text and sorts keys', () => {
    const value = { s: ['1.5', 'x: y', 'x\ny', ''], l: [[1, 2], { a: 'yes' }], k: 'word '.repeat(17) };
    expect(pyYamlDump(value)).toBe(
      "k: 'word word word word word word word word word word word word word word word word\n  word '\nl:\n- [1, 2]\n- {a: 'yes'}\ns: ['1.5', 'x: y', 'x\n\n    y', '']\n",
    );
  });

  test('ends a lone plain scalar with the document end marker', () => {
    expect(pyYamlDump('abc')).toBe('abc\n...\n');
    expect(pyYamlDump('yes')).toBe("'yes'\n");
  });
});
