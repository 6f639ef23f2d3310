import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { OMIT, Templar, TemplateError } from '../../../dsl/template/templar.js';

const templar = new Templar();
const vars = {
  inventory_hostname: 'web1',
  work: '/tmp/bench/{{ inventory_hostname }}',
  nested: '{{ work }}/sub',
  n: 5,
  backends: [
    { name: 'db1', port: 5432, weight: 3 },
    { name: 'db2', port: 5432 },
  ],
};

describe('the templar', () => {
  test('renders variables whose values are themselves templates, lazily', () => {
    expect(templar.render('{{ nested }}/f{{ n }}', vars)).toBe('/tmp/bench/web1/sub/f5');
  });

  test('keeps the native type of a value that is a single expression', () => {
    expect(templar.render('{{ n }}', vars)).toBe(5);
    expect(templar.render('{{ range(3) | list }}', vars)).toEqual([0, 1, 2]);
    expect(templar.render('{{ backends[0] }}', vars)).toEqual({ name: 'db1', port: 5432, weight: 3 });
    expect(templar.render('n={{ n }}', vars)).toBe('n=5');
  });

  test('keeps text that a string filter made, even with text after it (Ansible reads back only other text)', () => {
    const pretty = templar.render('{{ backends | to_nice_json }}\n', vars);
    expect(typeof pretty).toBe('string');
    expect(pretty).toMatch(/^\[\n {4}\{/);
    expect(templar.render('{{ backends | map(attribute="port") | list }}\n', vars)).toEqual([5432, 5432]);
  });

  test("a missing list element is named in Jinja2's words", () => {
    expect(() => templar.render('{{ empty[0] }}', { empty: [] })).toThrow('list object has no element 0');
    expect(() => templar.render('{{ empty.1 }}', { empty: [] })).toThrow('list object has no element 1');
  });

  test('a variable whose template meets an undefined value is undefined itself, failing only when used', () => {
    const lazy = { deep: '{{ nested_missing }}' };
    expect(templar.evaluate('deep is undefined', lazy)).toBe(true);
    expect(templar.render("{{ deep | default('d') }}", lazy)).toBe('d');
    expect(() => templar.render('{{ deep }}', lazy)).toThrow(
      "{{ nested_missing }}: 'nested_missing' is undefined",
    );
  });

  test("a string filter's arguments may hold a pipe of their own: its text is still kept", () => {
    const pretty = templar.render('{{ backends[1] | to_nice_json(indent=(width | int)) }}\n', {
      ...vars,
      width: '2',
    });
    expect(pretty).toBe('{\n  "name": "db2",\n  "port": 5432\n}\n');
    expect(templar.render("{{ ['a|b'] | to_json }}", vars)).toBe('["a|b"]');
  });

  test('names the undefined variable, the task and its location', () => {
    const where = { task: 'copy config', location: { file: 'deploy.yml', line: 12, column: 7 } };
    const error = (() => {
      try {
        templar.render('{{ missing }}', vars, where);
      } catch (e) {
        return e as TemplateError;
      }
    })()!;
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.code).toBe('undefined');
    expect(error.message).toBe(`'missing' is undefined in task "copy config" (deploy.yml:12:7)`);
  });

  test('accepts undefined variables that are defaulted or tested', () => {
    expect(templar.render("{{ missing | default('d') }}", vars)).toBe('d');
    expect(templar.isTrue('missing is not defined and work is defined', vars)).toBe(true);
  });

  test('detects a variable that refers to itself', () => {
    expect(() => templar.render('{{ a }}', { a: '{{ b }}', b: '{{ a }}' })).toThrow(
      /recursive loop detected/,
    );
  });

  test('applies trim_blocks like Ansible templates', () => {
    const text =
      '[backends]\n{% for b in backends %}\nbackend{{ loop.index }} = {{ b.name }} weight={{ b.weight | default(1) }}\n{% endfor %}\n';
    expect(templar.render(text, vars)).toBe('[backends]\nbackend1 = db1 weight=3\nbackend2 = db2 weight=1\n');
  });

  test('offers the filters playbooks rely on', () => {
    const cases: Array<[string, unknown]> = [
      ["{{ 'a b' | quote }}", "'a b'"],
      ["{{ {'b': 1, 'a': 2} | to_nice_json }}", '{\n    "a": 2,\n    "b": 1\n}'],
      ["{{ 'abc123' | regex_replace('(\\d+)', '<\\1>') }}", 'abc<123>'],
      ["{{ 'hello' | b64encode | b64decode }}", 'hello'],
      ["{{ {'a': 1} | combine({'b': 2}) | dict2items | items2dict }}", { a: 1, b: 2 }],
      ["{{ '/etc/app/x.conf' | basename }}", 'x.conf'],
      ['{{ [[1, [2]], 3] | flatten }}', [1, 2, 3]],
      ["{{ backends | map(attribute='name') | list }}", ['db1', 'db2']],
      ["{{ backends | selectattr('weight', 'defined') | list | length }}", 1],
      ["{{ 'yes' | bool }}", true],
      ["{{ '42' | int + 1 }}", 43],
      ["{{ (n > 3) | ternary('big', 'small') }}", 'big'],
      ['{{ [3, 1, 3] | unique | max }}', 3],
    ];
    // Rendered as Ansible's non-native templating does: a number an expression gives becomes its text.
    for (const [template, expected] of cases)
      expect(templar.render(template, vars), template).toEqual(
        typeof expected === 'number' ? String(expected) : expected,
      );
  });

  test('drops object keys whose value is omit', () => {
    expect(templar.render({ a: 1, b: '{{ omit }}' }, vars)).toEqual({ a: 1 });
    expect(OMIT).toContain('omit');
  });

  test('leaves strings without template delimiters unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{')),
        (text) => {
          expect(templar.render(text, vars)).toBe(text);
        },
      ),
    );
  });

  test('an expression that gives None renders as an empty string, a lone variable stays None', () => {
    expect(templar.render('{{ None }}', {})).toBe('');
    expect(templar.render('{{ x.y }}', { x: { y: null } })).toBe('');
    expect(templar.render('{{ x }}', { x: null })).toBeNull();
    expect(templar.evaluate('x.y', { x: { y: null } })).toBeNull();
  });

  test('round-trips values through to_json and from_json', () => {
    fc.assert(
      // Data that itself holds template delimiters would be templated, as in Ansible; keep it out.
      fc.property(
        fc.jsonValue().filter((v) => !/\{[{%#]/.test(JSON.stringify(v))),
        (value) => {
          expect(templar.evaluate('value | to_json | from_json', { value })).toEqual(
            JSON.parse(JSON.stringify(value)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("Ansible's non-native templating", () => {
  const t = new Templar();
  test('an expression that gives a number renders as text; a lone number variable stays a number', () => {
    expect(t.render('{{ 2 ** 3 }}', {})).toBe('8');
    expect(t.render('{{ n }}', { n: 5 })).toBe(5);
    expect(t.render('{{ n | int + 1 }}', { n: 5 })).toBe('6');
    expect(t.render('{{ m }}', { m: '{{ 2 ** 3 }}' })).toBe('8');
  });

  test('text that spells a list, dict or bool is read back, JSON names included', () => {
    expect(t.render('{{ "" }}{"null": null, "true": true}', {})).toEqual({ null: null, true: true });
    expect(t.render('{{ "[1, \'a\']" }}', {})).toEqual([1, 'a']);
    expect(t.render('{{ 1 == 1 }}', {})).toBe(true);
    expect(t.render('x{{ 1 }}', {})).toBe('x1');
    expect(t.render('{{ "[not a literal" }}', {})).toBe('[not a literal');
  });

  test('the text filters (to_json, string …) are never read back', () => {
    expect(t.render("{{ {'a': 1} | to_json }}", {})).toBe('{"a": 1}');
    expect(t.render("{{ ['a'] | string }}", {})).toBe("['a']");
  });

  test('conditions keep native values', () => {
    expect(t.evaluate('2 ** 3', {})).toBe(8);
  });
});
