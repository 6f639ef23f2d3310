import { describe, expect, test } from 'vitest';
import { playbookJsonSchema } from '../../dsl/json-schema.js';

type Node = {
  anyOf?: Node[];
  properties?: Record<string, Node>;
  type?: string;
  pattern?: string;
  $ref?: string;
};

const schema = playbookJsonSchema() as {
  type: string;
  $defs: Record<string, Node> & {
    play: { properties: Record<string, unknown> };
    task: { properties: Record<string, Node> };
  };
};

/** The schema of a module's value: each spelling refers to one definition. */
const moduleValue = (module: string): Node =>
  schema.$defs[(schema.$defs.task.properties[module].$ref ?? '').replace('#/$defs/', '')];

/** A module's argument mapping: the first form of its value (the others are `k=v` text and nothing). */
const args = (module: string): Record<string, Node> => moduleValue(module).anyOf?.[0].properties ?? {};

/** An argument's own schema: the first form (the second is a template, checked when the task runs). */
const argument = (module: string, name: string): Node => args(module)[name].anyOf?.[0] ?? {};

describe('the playbook JSON Schema', () => {
  test('describes a list of plays with their keywords and task sections', () => {
    expect(schema.type).toBe('array');
    expect(Object.keys(schema.$defs.play.properties)).toEqual(
      expect.arrayContaining(['hosts', 'vars', 'tasks', 'handlers', 'serial', 'strategy']),
    );
  });

  test('offers every module under all its spellings with its arguments, hiding runner-internal ones', () => {
    expect(Object.keys(args('ansible.builtin.file'))).toEqual(
      expect.arrayContaining(['path', 'state', 'mode', 'owner']),
    );
    expect(schema.$defs.task.properties['spindle.copy']).toEqual({ $ref: '#/$defs/module.copy' });
    expect(Object.keys(args('copy'))).not.toContain('_data');
    expect(JSON.stringify(schema)).not.toContain('"$schema":"https://json-schema.org/draft/2020-12/schema"');
  });

  test('offers argument aliases (lineinfile `dest`) and one-line k=v text naming known arguments', () => {
    expect(Object.keys(args('lineinfile'))).toEqual(expect.arrayContaining(['path', 'dest', 'regexp']));
    const text = moduleValue('lineinfile').anyOf?.[1] as Node;
    const accepts = (value: string) => new RegExp(text.pattern ?? '').test(value);
    expect(accepts('dest=/etc/hosts regexp=^a line="b c"')).toBe(true);
    expect(accepts('path={{ file }} line=x')).toBe(true);
    expect(accepts('path=/x bogus=1')).toBe(false);
  });
});

describe('module arguments in the playbook JSON Schema', () => {
  test('accept the text forms Ansible converts for booleans and numbers', () => {
    const [bool, text] = argument('lineinfile', 'create').anyOf as Node[];
    expect(bool.type).toBe('boolean');
    const accepts = (value: string) => new RegExp(text.pattern ?? '').test(value);
    expect(['yes', 'No', 'TRUE', 'off', 'y', '1'].every(accepts)).toBe(true);
    expect(['maybe', 'yess', '2'].some(accepts)).toBe(false);
    const timeout = argument('wait_for', 'timeout').anyOf as Node[];
    expect(timeout[1].type).toBe('string');
    expect(new RegExp(timeout[1].pattern ?? '').test('10')).toBe(true);
  });

  test('take `mode` only as a string, as --syntax-check does (a bare 755 is refused)', () => {
    expect(argument('file', 'mode').type).toBe('string');
  });
});
