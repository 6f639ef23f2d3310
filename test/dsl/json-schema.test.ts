import { describe, expect, test } from 'vitest';
import { playbookJsonSchema } from '../../dsl/json-schema.js';

describe('the playbook JSON Schema', () => {
  const schema = playbookJsonSchema() as {
    type: string;
    $defs: {
      play: { properties: Record<string, unknown> };
      task: { properties: Record<string, { properties?: Record<string, unknown> }> };
    };
  };

  test('describes a list of plays with their keywords and task sections', () => {
    expect(schema.type).toBe('array');
    expect(Object.keys(schema.$defs.play.properties)).toEqual(
      expect.arrayContaining(['hosts', 'vars', 'tasks', 'handlers', 'serial', 'strategy']),
    );
  });

  test('offers every module under all its spellings with its arguments, hiding runner-internal ones', () => {
    const file = schema.$defs.task.properties['ansible.builtin.file'];
    expect(Object.keys(file.properties ?? {})).toEqual(
      expect.arrayContaining(['path', 'state', 'mode', 'owner']),
    );
    expect(schema.$defs.task.properties['spindle.copy']).toBeDefined();
    expect(Object.keys(schema.$defs.task.properties.copy.properties ?? {})).not.toContain('_data');
    expect(JSON.stringify(schema)).not.toContain('"$schema":"https://json-schema.org/draft/2020-12/schema"');
  });
});

describe('module arguments in the playbook JSON Schema', () => {
  test('accept the text forms Ansible converts for booleans and numbers', () => {
    const schema = playbookJsonSchema() as {
      $defs: { task: { properties: Record<string, { properties?: Record<string, { anyOf?: unknown[] }> }> } };
    };
    const lineinfile = schema.$defs.task.properties.lineinfile.properties ?? {};
    const [bool, text] = lineinfile.create.anyOf as Array<{ type: string; pattern?: string }>;
    expect(bool.type).toBe('boolean');
    const accepts = (value: string) => new RegExp(text.pattern ?? '').test(value);
    expect(['yes', 'No', 'TRUE', 'off', 'y', '1'].every(accepts)).toBe(true);
    expect(['maybe', 'yess', '2'].some(accepts)).toBe(false);
    const timeout = schema.$defs.task.properties.wait_for.properties?.timeout.anyOf as Array<{
      type: string;
      pattern?: string;
    }>;
    expect(timeout[1].type).toBe('string');
    expect(new RegExp(timeout[1].pattern ?? '').test('10')).toBe(true);
  });
});
