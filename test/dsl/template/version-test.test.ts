import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();
const ev = (expression: string) => templar.evaluate(expression, {});

describe("Ansible's version test", () => {
  test('compares loose versions component by component with every operator spelling', () => {
    expect(ev("'1.10' is version('1.9', '>')")).toBe(true);
    expect(ev("'1.10' is version('1.9', 'gt')")).toBe(true);
    expect(ev("'2.0' is version('2.0', '==')")).toBe(true);
    expect(ev("'2.0' is version('2.0')")).toBe(true);
    expect(ev("'2.0' is version('2.0.1', '<')")).toBe(true);
    expect(ev("'1.2.3a' is version('1.2.3', '>=')")).toBe(true);
    expect(ev("'5.4' is not version_compare('5.10', 'ge')")).toBe(true);
    expect(ev("'1.0' is version('1.0', '<>')")).toBe(false);
  });

  test('strict and semantic versions follow their own rules', () => {
    expect(ev("'1.0' is version('1.0.0', '==', strict=True)")).toBe(true);
    expect(ev("'1.0a1' is version('1.0', '<', strict=True)")).toBe(true);
    expect(ev("'1.0.0-rc.1' is version('1.0.0', '<', version_type='semver')")).toBe(true);
    expect(ev("'1.0.0-alpha.2' is version('1.0.0-alpha.10', '<', version_type='semver')")).toBe(true);
    expect(() => ev("'1.0' is version('1.0.0', '==', version_type='semver')")).toThrow(
      /invalid semantic version/,
    );
  });

  test('refuses what Ansible refuses', () => {
    expect(() => ev("'1.0' is version('abc', '<')")).toThrow(/Version comparison failed/);
    expect(() => ev("'1.0' is version('1.0', '~')")).toThrow(/Invalid operator type/);
    expect(() => ev("'' is version('1.0')")).toThrow(/cannot be empty/);
  });
});
