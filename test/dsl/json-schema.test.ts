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
