import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = {
  items: [1, 2, 3, 4],
  name: 'hello',
  users: [{ name: 'ann', ssh: ['k1', 'k2'] }, { name: 'bob' }],
  nothing: null,
  config: { port: 80 },
};
const ev = (expression: string) => templar.evaluate(expression, vars);

describe('Jinja2 syntax that nunjucks lacks', () => {
  test('True, False and None are literals, as are true, false and none', () => {
    expect(ev('True')).toBe(true);
    expect(ev('False')).toBe(false);
    expect(ev('None')).toBe(null);
    expect(ev('True and not False')).toBe(true);
    expect(ev('nothing == None')).toBe(true);
    expect(templar.render('{{ None is none }}-{{ True }}', vars)).toBe('True-True');
  });

  test('a literal name after a dot is an attribute, as in Jinja2 (foo.null, foo.true, foo.none)', () => {
    const data = { json: { null: 1, true: 2, false: 3, none: 4 } };
    expect(templar.evaluate('[json.null, json.true, json.false, json.none]', data)).toEqual([1, 2, 3, 4]);
  });

  test('slices follow Python on lists and strings', () => {
    expect(ev('items[:2]')).toEqual([1, 2]);
    expect(ev('items[1:]')).toEqual([2, 3, 4]);
    expect(ev('items[::-1]')).toEqual([4, 3, 2, 1]);
    expect(ev('items[1:-1]')).toEqual([2, 3]);
    expect(ev('items[-2:]')).toEqual([3, 4]);
    expect(ev('items[::2]')).toEqual([1, 3]);
    expect(ev('items[10:]')).toEqual([]);
    expect(ev('name[1:]')).toBe('ello');
    expect(ev('name[::-1]')).toBe('olleh');
    expect(ev('name[:1] | upper')).toBe('H');
    expect(ev('items[1:3][0]')).toBe(2);
    expect(() => ev('items[::0]')).toThrow(/step cannot be zero/);
  });

  test('negative indexes and numeric attribute lookups work as in Jinja2', () => {
    expect(ev('items[-1]')).toBe(4);
    expect(ev('name[-1]')).toBe('o');
    expect(ev('users.0.name')).toBe('ann');
    expect(ev('users.0.ssh.1')).toBe('k2');
    expect(ev('config["port"]')).toBe(80);
  });

  test('tests take one argument without parentheses, or several with them', () => {
    expect(ev('config is sameas config')).toBe(true);
    expect(ev('[1, 2] is sameas [1, 2]')).toBe(false);
    expect(ev('items is equalto [1, 2, 3, 4]')).toBe(true);
    expect(ev('config is eq {"port": 80}')).toBe(true);
    expect(ev('9 is divisibleby 3')).toBe(true);
    expect(ev('2 is in items')).toBe(true);
    expect(ev('"1.10" is version("1.9", ">")')).toBe(true);
    expect(ev('"1.10" is version_compare("1.9", "lt")')).toBe(false);
    expect(ev('nothing is none and name is string or False')).toBe(true);
    expect(ev('(1 if nothing is not none else 2)')).toBe(2);
    expect(ev('True is number and True is boolean and 1 is integer and 1.5 is float')).toBe(true);
    expect(ev('False is false and not (1 is true)')).toBe(true);
    expect(ev('[{"a": 1}] is subset [{"a": 1}, 2] and items is superset [4, 1]')).toBe(true);
  });

  test('string literals read escapes as Python does where Ansible leaves backslashes to Jinja2 ({% %}, files)', () => {
    expect(ev("'a1b22' | regex_findall('\\d+')")).toEqual(['1', '22']);
    const set = (literal: string) => templar.render(`{% set s = ${literal} %}{{ s }}`, vars);
    expect(set("'it\\'s \\x41\\u00e9\\n'")).toBe("it's A\u00e9\n");
    expect(set("'back\\\\slash'")).toBe('back\\slash');
  });

  test('a backslash in a string literal of {{ }} stands for itself, as Ansible escapes it', () => {
    const render = (text: string) => templar.render(text, vars);
    expect(render("{{ 'it\\'s \\x41\\n' }}")).toBe("it's \\x41\\n");
    expect(render("{{ 'abc123' | regex_replace('(\\d+)', '<\\1>') }}")).toBe('abc<123>');
    expect(ev('"]]^" | regex_escape(re_type="posix_basic") == "\\\\]\\\\]\\\\^"')).toBe(true);
    expect(templar.render("{% raw %}{{ '\\1' }}{% endraw %}", vars)).toBe("{{ '\\1' }}");
  });

  test('two datetimes subtract to a timedelta', () => {
    expect(
      ev('(("2024-03-02" | to_datetime("%Y-%m-%d")) - ("2024-02-28 12:00:00" | to_datetime)).days'),
    ).toBe(2);
    expect(
      ev(
        '(("2024-03-02" | to_datetime("%Y-%m-%d")) - ("2024-03-01 12:00:00" | to_datetime)).total_seconds()',
      ),
    ).toBe(43200);
    expect(
      templar.render(
        'took {{ ("2024-01-02 03:04:05" | to_datetime) - ("2024-01-01" | to_datetime("%Y-%m-%d")) }}',
        vars,
      ),
    ).toBe('took 1 day, 3:04:05');
    expect(ev('7 - 2')).toBe(5);
  });
});
