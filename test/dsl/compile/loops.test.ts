import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, type TaskNode } from '../../../dsl/index.js';
import { playbookJsonSchema } from '../../../dsl/json-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-loops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();

/** Compiles a playbook text; returns `line:col message` errors and the first task's loop. */
function compile(text: string): { errors: string[]; loop: unknown } {
  const file = join(dir, 'site.yml');
  writeFileSync(file, text);
  const { graph, issues } = compilePlaybook(file, { inventory });
  const node = graph.plays[0]?.sections.flatMap((s) => s.nodes)[0] as TaskNode | undefined;
  return {
    errors: issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.file === file ? 'site.yml' : i.file}:${i.line}:${i.column} ${i.message}`),
    loop: node?.loop,
  };
}

const task = (loop: string) =>
  `- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg={{ item }}\n      ${loop}\n`;

describe('with_<lookup> loops', () => {
  test('every with_ keyword becomes a run of its lookup over the terms', () => {
    for (const name of [
      'items',
      'list',
      'dict',
      'fileglob',
      'sequence',
      'together',
      'nested',
      'subelements',
    ]) {
      const { errors, loop } = compile(task(`with_${name}: "{{ x }}"`));
      expect(errors).toEqual([]);
      expect(loop).toEqual({ __lookup: name, terms: '{{ x }}' });
    }
    expect(compile(task('with_first_found: [a, b]')).loop).toEqual({
      __lookup: 'first_found',
      terms: ['a', 'b'],
    });
    expect(compile(task('loop: [1, 2]')).loop).toEqual([1, 2]);
  });

  test('an unknown lookup is a compile error at its file:line:col with a suggestion', () => {
    expect(compile(task('with_fileglobs: "*.txt"')).errors).toEqual([
      'site.yml:5:7 `with_fileglobs`: lookup plugin `fileglobs` not found (did you mean `with_fileglob`?)',
    ]);
  });

  test('two loop keywords on one task are an error', () => {
    expect(compile(task('loop: [1]\n      with_items: [2]')).errors).toEqual([
      'site.yml:6:7 duplicate loop in task: `loop`, `with_items` (use one)',
    ]);
  });
});

describe('the JSON schema', () => {
  test('lists a with_ keyword for every lookup', () => {
    const task = (playbookJsonSchema().$defs as Record<string, { properties: Record<string, unknown> }>).task;
    for (const name of ['with_items', 'with_dict', 'with_sequence', 'with_first_found', 'with_password'])
      expect(task.properties[name], name).toBeDefined();
  });
});
