import { describe, expect, test } from 'vitest';
import { loadYamlFile, MAX_NESTING } from '../../../dsl/yaml/load.js';

/** Nine levels of ten aliases each: 10^9 strings once expanded. */
function billionLaughs(indent: string): string {
  const lines = [`${indent}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < 10; i++)
    lines.push(
      `${indent}a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

describe('hostile YAML is an input error with a position, not a crash', () => {
  test('a billion-laughs playbook is refused at its first alias', () => {
    const text = `- hosts: all\n  vars:\n${billionLaughs('    ')}\n  tasks: []\n`;
    const { value, issues } = loadYamlFile('/laughs.yml', text);
    expect(value).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'yaml-limit',
        file: '/laughs.yml',
        line: 4,
        column: 14,
      }),
    ]);
    expect(issues[0].message).toMatch(/aliases in this file expand too much/);
  });

  test('a billion-laughs inventory is refused the same way', () => {
    const { issues } = loadYamlFile('/inventory.yml', `all:\n  vars:\n${billionLaughs('    ')}\n`);
    expect(issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual(['4:14 yaml-limit']);
  });

  test('a 3,000-level block mapping is refused (no stack overflow) near its deepest line', () => {
    let text = '';
    for (let i = 0; i < 3000; i++) text += `${'  '.repeat(i)}k${i}:\n`;
    text += `${'  '.repeat(3000)}v\n`;
    const { value, issues } = loadYamlFile('/deep.yml', text);
    expect(value).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'yaml-limit', file: '/deep.yml' });
    expect(issues[0].message).toContain(`more than ${MAX_NESTING} levels`);
    expect(issues[0].line).toBeGreaterThan(100);
  });

  test('nesting just past the limit is refused at the first node too deep (or where the parser ran out of stack)', () => {
    let text = '';
    for (let i = 0; i <= MAX_NESTING + 1; i++) text += `${'  '.repeat(i)}k${i}:\n`;
    const { issues } = loadYamlFile('/deep.yml', text);
    expect(issues.map((i) => i.code)).toEqual(['yaml-limit']);
    expect(issues[0].message).toMatch(/nest too deeply/);
    expect(issues[0].line).toBeGreaterThan(1);
    expect(issues[0].line).toBeLessThanOrEqual(MAX_NESTING + 2);
  });

  test('ordinary aliases still work', () => {
    const { value, issues } = loadYamlFile('/ok.yml', 'a: &x [1, 2]\nb: *x\n');
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: [1, 2], b: [1, 2] });
  });
});
