import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const native = new Templar({ native: true });
const render = (text: string, vars: Record<string, unknown> = {}) => native.render(text, vars);

describe("templates under Ansible's jinja2_native mode", () => {
  test('a lone expression gives its native value, and text that spells a Python literal becomes it', () => {
    expect(render("{{ '1' }}")).toBe(1);
    expect(render('{{ l }}', { l: [1, 2] })).toEqual([1, 2]);
    expect(render('{{ none }}')).toBeNull();
    expect(render("{{ 'True' }}")).toBe(true);
    expect(render("{{ '0x1f' }}")).toBe(31);
    expect(render('{{ 1 }}{{ 2 }}')).toBe(12);
    expect(render('{% if true %}{{ 3 }}{% endif %}')).toBe(3);
  });

  test('text that is not a Python literal stays text, a quoted string keeps its quotes', () => {
    expect(render("{{ 'true' }}")).toBe('true');
    expect(render("{{ '0755' }}")).toBe('0755');
    expect(render("{{ 'no' }}")).toBe('no');
    expect(render('x{{ 1 }}')).toBe('x1');
    expect(render(' {{ 5 }}')).toBe(' 5');
    expect(render('{{ s }}', { s: "'quoted'" })).toBe("'quoted'");
    expect(render("{{ '[1, 2]' | string }}")).toBe('[1, 2]');
    expect(render("{{ {'a': 1} | to_json }}")).toBe('{"a": 1}');
  });

  test("a vaulted value's plaintext is its text, not read as a literal", () => {
    const encrypted = new Templar().evaluate("'123' | vault('pw')", {}) as string;
    const withSecret = new Templar({ native: true, vault: [{ label: 'default', password: 'pw' }] });
    expect(withSecret.render('{{ secret }}', { secret: { __vault__: encrypted } })).toBe('123');
  });

  test('without native mode the same templates give text, as Ansible does by default', () => {
    const text = new Templar();
    expect(text.render("{{ '1' }}", {})).toBe('1');
    expect(text.render("{{ 'True' }}", {})).toBe(true);
    expect(text.render('{{ 1 }}{{ 2 }}', {})).toBe('12');
  });
});
