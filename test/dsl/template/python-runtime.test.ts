import { describe, expect, test } from 'vitest';
import { Templar, type TemplateError } from '../../../dsl/template/templar.js';
import { holdsUndefined } from '../../../dsl/template/undefined-names.js';

const templar = new Templar();
const vars = { name: 'web01', items: [[1], { a: 1 }], settings: { port: 80 } };
const where = { task: 'configure', location: { file: 'site.yml', line: 3, column: 7 } };

function failure(expression: string): TemplateError {
  try {
    templar.evaluate(expression, vars, where);
  } catch (error) {
    return error as TemplateError;
  }
  throw new Error(`${expression} did not fail`);
}

describe('comparisons and membership in templates', () => {
  test('compare lists and dicts by value with == and !=, like Jinja2', () => {
    expect(templar.evaluate('[1, [2]] == [1, [2]]', vars)).toBe(true);
    expect(templar.evaluate('[1] != [1]', vars)).toBe(false);
    expect(templar.evaluate("{'a': [1]} == {'a': [1]}", vars)).toBe(true);
    expect(templar.evaluate("{'a': 1} == {'a': 2}", vars)).toBe(false);
    expect(templar.isTrue("settings == {'port': 80}", vars)).toBe(true);
  });

  test('follow Python for mixed types: a number never equals a string', () => {
    expect(templar.evaluate("1 == '1'", vars)).toBe(false);
    expect(templar.evaluate('1 == 1.0', vars)).toBe(true);
    expect(templar.evaluate('none == none', vars)).toBe(true);
    expect(templar.evaluate('1 < 2 < 3', vars)).toBe(true);
    expect(templar.evaluate('3 > 2 > 2', vars)).toBe(false);
  });

  test('test membership of lists and dicts in a list by value', () => {
    expect(templar.evaluate('[1] in items', vars)).toBe(true);
    expect(templar.evaluate("{'a': 1} in items", vars)).toBe(true);
    expect(templar.evaluate('[2] not in items', vars)).toBe(true);
    expect(templar.evaluate("'port' in settings", vars)).toBe(true);
    expect(templar.evaluate("'toString' in settings", vars)).toBe(false);
    expect(templar.evaluate("'eb' in name", vars)).toBe(true);
  });

  test('membership in an undefined variable is an undefined variable, as Jinja2 strict undefined', () => {
    expect(failure("'a' in missing").message).toMatch(/^'missing' is undefined/);
    expect(failure("'a' not in missing").code).toBe('undefined');
  });

  test('membership in a value that holds nothing is a templating type error in Python words', () => {
    const error = failure("'a' in settings.port");
    expect(error.code).toBe('type');
    expect(error.message).toBe(
      "Unexpected templating type error occurred on ({{ 'a' in settings.port }}): argument of type 'int' is not iterable. argument of type 'int' is not iterable in task \"configure\" (site.yml:3:7)",
    );
    expect(failure('1 in name').detail).toMatch(/'in <string>' requires string as left operand, not int/);
  });
});

describe('addition in templates', () => {
  test('adds numbers, joins strings and lists, and refuses any other mix in Python words', () => {
    expect(templar.evaluate("1 + True + 0.5 ~ '|' ~ ('a' + 'b') ~ '|' ~ ([1] + [2]) | length", vars)).toBe(
      '2.5|ab|2',
    );
    expect(failure('settings + settings').detail).toMatch(
      /unsupported operand type\(s\) for \+: 'dict' and 'dict'/,
    );
    expect(failure('name + 1').detail).toMatch(/can only concatenate str \(not "int"\) to str/);
    expect(failure("[1] + 'a'").detail).toMatch(/can only concatenate list \(not "str"\) to list/);
  });
});

describe('undefined values inside a list or dict a template builds', () => {
  test('are not searched for inside a lazy view such as hostvars, whose values render only when read', () => {
    const lazy = new Proxy({ later: 1 } as Record<string, unknown>, {
      getOwnPropertyDescriptor: () => {
        throw new Error('a value of the view was rendered');
      },
    });
    expect(holdsUndefined([lazy])).toBe(false);
    expect(holdsUndefined([{ a: undefined }])).toBe(true);
  });

  test('are undefined-variable errors naming the variable, alone or within text', () => {
    for (const text of ["{{ [{'key': missing}] }}", "{{ [{'key': missing}] }} and text"]) {
      let error: TemplateError | undefined;
      try {
        templar.render(text, vars, where);
      } catch (caught) {
        error = caught as TemplateError;
      }
      expect(error?.code).toBe('undefined');
      expect(error?.detail).toBe("'missing' is undefined");
    }
  });
});

describe('calling what a value does not have', () => {
  test('names the expression and the supported methods instead of an undefined variable', () => {
    const error = failure("name.removeprefix('web')");
    expect(error.code).toBe('type');
    expect(error.message).toBe(
      '`name.removeprefix()`: a string has no method `removeprefix` (supported string methods: startswith, endswith, strip, lstrip, rstrip, lower, upper, split, rsplit, replace, join, format, title, capitalize, count, find, splitlines, isdigit) in task "configure" (site.yml:3:7)',
    );
    expect(failure('items.append(1)').message).toMatch(/^`items\.append\(\)`: a list has no method `append`/);
    expect(failure('settings.pop()').message).toMatch(
      /^`settings\.pop\(\)`: a dict has no method or key `pop`/,
    );
    expect(failure('settings.port()').message).toMatch(/^`settings\.port\(\)` is not callable: it is an int/);
  });

  test('names a missing attribute of a string, list or dict as Python does', () => {
    expect(failure('name.length').message).toBe(
      `'str object' has no attribute 'length' in task "configure" (site.yml:3:7)`,
    );
    expect(failure('settings.host').message).toBe(
      `'dict object' has no attribute 'host' in task "configure" (site.yml:3:7)`,
    );
  });

  test('still reports an undefined variable as one', () => {
    expect(failure('missing.strip()').message).toMatch(/^'missing' is undefined/);
    expect(templar.isTrue('name.nothing is not defined', vars)).toBe(true);
  });
});

describe('the in and contains tests', () => {
  test('find lists and dicts in a list by value', () => {
    expect(templar.evaluate('[1] is in(items)', vars)).toBe(true);
    expect(templar.evaluate("items is contains({'a': 1})", vars)).toBe(true);
  });
});
