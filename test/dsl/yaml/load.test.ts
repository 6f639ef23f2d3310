import { describe, expect, test } from 'vitest';
import { loadYamlFile } from '../../../dsl/yaml/load.js';

describe('YAML is read as Ansible (PyYAML, YAML 1.1) reads it', () => {
  test('yes/no/on/off/true/false are booleans and 0644 is octal, but single letters y and n stay strings', () => {
    const { value } = loadYamlFile('/inline.yml', 'a: [y, n, Y, N, yes, No, on, OFF, True, 0644, "0644"]\n');
    expect(value).toEqual({ a: ['y', 'n', 'Y', 'N', true, false, true, false, true, 420, '0644'] });
  });

  test('floats need a digit and a dot as in PyYAML: a lone dot, 1e5 and -.5 stay strings', () => {
    const { value } = loadYamlFile('/inline.yml', 'a: [., 1.5, .5, -.5, 1e5, 1.0e+5, 1., 3, -.inf, 1_0.5]\n');
    expect(value).toEqual({ a: ['.', 1.5, 0.5, '-.5', '1e5', 100000, 1, 3, Number.NEGATIVE_INFINITY, 10.5] });
    expect(Number.isNaN((loadYamlFile('/inline.yml', 'a: .nan\n').value as { a: number }).a)).toBe(true);
  });

  test('idiomatic yes/no and modes stay silent; an unquoted octal number elsewhere warns once', () => {
    const text = 'gather_facts: no\nbecome: yes\nmode: 0644\ndirectory_mode: 0755\nversion: 0123\n';
    const warned = loadYamlFile('/inline.yml', text).issues.map((i) => `${i.line}:${i.message}`);
    expect(warned).toEqual([
      '5:`0123` is read as the octal number 83 (YAML 1.1, as Ansible reads it); quote it if you meant the string',
    ]);
  });

  test('every node keeps its line and column, and duplicate keys warn', () => {
    const loaded = loadYamlFile('/inline.yml', '- hosts: all\n  tasks:\n    - ping:\n  tasks: []\n');
    expect(loaded.positions.get('[0].tasks[0]')).toEqual({ line: 3, column: 7 });
    expect(loaded.issues.some((i) => i.severity === 'warning' && /duplicate|tasks/i.test(i.message))).toBe(
      true,
    );
  });

  test('an alias without its anchor and a merge of a non-map are input errors with a line, not exceptions', () => {
    const unresolved = loadYamlFile('f.yml', 'a: 1\nb: *nowhere\n');
    expect(unresolved.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', file: 'f.yml', line: 2, column: 4 }),
    );
    const merge = loadYamlFile('g.yml', '? <<: *a');
    expect(merge.issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
