import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = {
  padded: '  Hello   World  ',
  host: 'web01.example.com',
  lines: 'one\ntwo\r\nthree\n',
  ports: [80, 443, 80],
  settings: { b: 2, a: 1 },
};

describe('Python methods of str, list and dict in templates', () => {
  test('behave like Python for strings', () => {
    const cases: Array<[string, unknown]> = [
      ["host.startswith('web')", true],
      ["host.startswith(('db', 'web'))", true],
      ["host.endswith('.com')", true],
      ['padded.strip()', 'Hello   World'],
      ['padded.lstrip()', 'Hello   World  '],
      ['padded.rstrip()', '  Hello   World'],
      ["'xxhixx'.strip('x')", 'hi'],
      ['host.upper()', 'WEB01.EXAMPLE.COM'],
      ["'MiXed'.lower()", 'mixed'],
      ['padded.split()', ['Hello', 'World']],
      ["'a,b,,c'.split(',')", ['a', 'b', '', 'c']],
      ["host.split('.', 1)", ['web01', 'example.com']],
      ["host.rsplit('.', 1)", ['web01.example', 'com']],
      ["'aaa'.replace('a', 'b')", 'bbb'],
      ["'aaa'.replace('a', 'b', 2)", 'bba'],
      ["', '.join(['x', 'y'])", 'x, y'],
      ["'{} listens on {}'.format(host, 80)", 'web01.example.com listens on 80'],
      ["'{0}-{0}-{name}'.format('a', name='n')", 'a-a-n'],
      ["'{:>5}|{:.2f}'.format('x', 3.14159)", '    x|3.14'],
      ["'hello wide world'.title()", 'Hello Wide World'],
      ["'hELLO'.capitalize()", 'Hello'],
      ["'banana'.count('an')", 2],
      ["host.find('.')", 5],
      ["host.find('?')", -1],
      ['lines.splitlines()', ['one', 'two', 'three']],
      ["'0123'.isdigit()", true],
      ["'12a'.isdigit()", false],
      ["''.isdigit()", false],
    ];
    for (const [expression, expected] of cases)
      expect(templar.evaluate(expression, vars), expression).toEqual(expected);
  });

  test('behave like Python for lists and dicts', () => {
    const cases: Array<[string, unknown]> = [
      ['ports.index(443)', 1],
      ['ports.count(80)', 2],
      ['[[1], [1], [2]].count([1])', 2],
      ["settings.get('a')", 1],
      ["settings.get('z', 'fallback')", 'fallback'],
      ["settings.get('z')", null],
      ['settings.keys() | list', ['b', 'a']],
      ['settings.values() | list', [2, 1]],
      [
        'settings.items() | list',
        [
          ['b', 2],
          ['a', 1],
        ],
      ],
      ['settings.a', 1],
      ["settings['b']", 2],
      ['ports[1]', 443],
      ["'abc'[1]", 'b'],
    ];
    for (const [expression, expected] of cases)
      expect(templar.evaluate(expression, vars), expression).toEqual(expected);
  });

  test('let items() feed a two-name for loop', () => {
    expect(templar.render('{% for k, v in settings.items() %}{{ k }}={{ v }};{% endfor %}', vars)).toBe(
      'b=2;a=1;',
    );
  });

  test('do not change JavaScript strings outside templates', () => {
    templar.evaluate("'x'.startswith('x')", vars);
    expect((String.prototype as unknown as Record<string, unknown>).startswith).toBeUndefined();
  });
});
