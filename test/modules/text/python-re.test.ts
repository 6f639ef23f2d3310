import { describe, expect, test } from 'vitest';
import {
  parseTemplate,
  pythonPattern,
  pythonRegExp,
  pythonSubn,
  pythonTemplate,
  TemplateError,
} from '../../../modules/text/python-re.js';

const expand = (template: string, pattern: string, text: string) => {
  const regexp = pythonRegExp(pattern);
  return pythonTemplate(template, regexp)(regexp.exec(text)!);
};

describe('Python replacement templates', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['numbered groups with \\1', '\\2=\\1', '(\\w+)=(\\w+)', 'a=b', 'b=a'],
    ['numbered groups with \\g<1>', '\\g<1>0', '(\\d)', '7', '70'],
    ['the whole match with \\g<0>', '[\\g<0>]', 'b+', 'abbc', '[bb]'],
    ['named groups with \\g<name>', '\\g<v>:\\g<k>', '(?P<k>\\w+)=(?P<v>\\w+)', 'a=b', 'b:a'],
    ['a literal dollar sign', '$1 costs $$', '(x)', 'x', '$1 costs $$'],
    ['an escaped backslash before a digit', '\\\\1', '(x)', 'x', '\\1'],
    ['two-digit group numbers', '\\10', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)', 'abcdefghij', 'j'],
    ['octal escapes', '\\0\\101', '(x)', 'x', '\0A'],
    ['newline and tab escapes', 'a\\nb\\tc', 'x', 'x', 'a\nb\tc'],
    ['unknown non-letter escapes kept as written', 'a\\.b', 'x', 'x', 'a\\.b'],
    ['an unmatched group as empty text', '[\\2]', '(a)|(b)', 'a', '[]'],
  ];
  for (const [title, template, pattern, text, expected] of cases) {
    test(`expands ${title}`, () => {
      expect(expand(template, pattern, text)).toBe(expected);
    });
  }

  test('a reference to a group the pattern lacks is an error, as in Python', () => {
    expect(() => pythonTemplate('\\2', /(a)/)).toThrow(new TemplateError('invalid group reference 2'));
    expect(() => expand('\\g<nope>', '(?P<k>a)', 'a')).toThrow("unknown group name 'nope'");
  });

  test('an unknown letter escape is an error, as in Python 3.7+', () => {
    expect(() => parseTemplate('\\q')).toThrow('bad escape \\q');
  });

  test("Python's named groups and back-references become JavaScript's", () => {
    expect(pythonPattern('(?P<a>x)(?P=a)')).toBe('(?<a>x)\\k<a>');
    expect(pythonPattern('\\(?P<a>x)')).toBe('\\(?P<a>x)');
  });

  test('subn replaces every match and counts them', () => {
    expect(pythonSubn('port=80\nport=81\n', pythonRegExp('^port=(\\d+)$', 'm'), 'p=\\g<1>')).toEqual({
      text: 'p=80\np=81\n',
      count: 2,
    });
  });
});

describe('Python inline flags', () => {
  test('leading (?m), (?i) and (?s) become the RegExp flags, added to the ones asked for', () => {
    const multiline = pythonRegExp('(?m)^b$');
    expect(multiline.flags).toContain('m');
    expect(multiline.test('a\nb\nc')).toBe(true);
    const both = pythonRegExp('(?is)A.B', 'd');
    expect(both.flags).toBe('dis');
    expect(both.test('a\nb')).toBe(true);
  });
});

describe('Python end anchors', () => {
  test('$ matches before a final newline too, but not before an inner one (without MULTILINE)', () => {
    expect(pythonRegExp('OK$').test('line\nOK\n')).toBe(true);
    expect(pythonRegExp('KO$').test('KO\nOK\n')).toBe(false);
    expect(pythonRegExp('OK\\Z').test('OK\n')).toBe(false);
    expect(pythonRegExp('[$]').test('$')).toBe(true);
  });
});
