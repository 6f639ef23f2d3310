import { describe, expect, test } from 'vitest';
import { Templar, TemplateError } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = { d: { a: 1 }, items: [{ failed: false }], word: 'x' };

function failure(template: string): TemplateError {
  try {
    templar.render(template, vars);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`${template} rendered`);
}

describe('template errors in Ansible’s words', () => {
  test('an undefined variable is named, alone, in text or under an attribute', () => {
    expect(failure('{{ nope }}').message).toBe("'nope' is undefined");
    expect(failure('a {{ word }} b {{ nope }}').message).toBe("'nope' is undefined");
    expect(failure("{{ nope.attr + 'x' }}").message).toBe("'nope' is undefined");
    expect(failure("{{ nope.attr ~ 'x' }}").variable).toBe('nope');
  });

  test('a missing attribute names the Python type that lacks it', () => {
    expect(failure('{{ d.x }}').message).toBe("'dict object' has no attribute 'x'");
    expect(failure('{{ word.nope }} and {{ d }}').message).toBe("'str object' has no attribute 'nope'");
  });

  test('a filter or test the template names that does not exist is a syntax error naming the text', () => {
    const error = failure('{{ 1 | nosuch }}');
    expect(error.code).toBe('syntax');
    expect(error.message).toBe(
      `template error while templating string: Could not load "nosuch": 'nosuch'. String: {{ 1 | nosuch }}`,
    );
    expect(failure('{{ 1 is nosuch }}').detail).toContain(`Could not load "nosuch": 'nosuch'`);
  });

  test('a test name given to a filter fails as TemplateSyntaxError, invalid names as invalid plugin names', () => {
    const error = failure('{{ items | selectattr("failed", "asdf ", true) | list }}');
    expect(error.pythonType).toBe('TemplateSyntaxError');
    expect(error.message).toBe(`Could not load "asdf ": 'invalid plugin name: ansible.builtin.asdf '`);
  });

  test('a syntax error quotes the template', () => {
    expect(failure('{{ 1 + }}').message).toMatch(
      /^template error while templating string: .*\. String: \{\{ 1 \+ \}\}$/,
    );
  });
});

describe('the undefined variable named', () => {
  test('is the first one the expression uses that is not defined, not a filter or keyword argument', () => {
    expect(failure("{{ d | combine({'key2': undef_variable}) }}").message).toBe(
      "'undef_variable' is undefined",
    );
    expect(failure("{{ d | combine({'k': {'n': [undef_variable]}}, recursive=true) }}").variable).toBe(
      'undef_variable',
    );
  });
});
