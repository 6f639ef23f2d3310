import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { includeArguments } from '../../../dsl/compile/include-args.js';
import type { GraphNode } from '../../../dsl/graph.js';
import { compilePlaybookValue, InventoryBuilder } from '../../../dsl/index.js';
import { playTasks } from '../../modules/play-support.js';

let work: string | undefined;
afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

function compileOne(task: Record<string, unknown>) {
  const builder = new InventoryBuilder();
  builder.addHost('web1', 'web');
  const { graph, issues } = compilePlaybookValue(
    join(import.meta.dirname, 'inline.yml'),
    [{ hosts: 'all', gather_facts: false, tasks: [task] }],
    { inventory: builder.build() },
  );
  return {
    errors: issues.filter((i) => i.severity === 'error').map((i) => i.message),
    node: graph.plays[0]?.sections.flatMap((s) => s.nodes)[0] as
      | (GraphNode & { target?: unknown })
      | undefined,
  };
}

describe('include and import arguments written as key=value text', () => {
  test('are read like Ansible: file=, free-form text, or a mapping', () => {
    expect(includeArguments('file=tasks/a.yml').file).toBe('tasks/a.yml');
    expect(includeArguments('tasks/a.yml').file).toBe('tasks/a.yml');
    expect(includeArguments('file="{{ dir }}/a b.yml"').file).toBe('{{ dir }}/a b.yml');
    expect(includeArguments({ file: 'x.yml' }).file).toBe('x.yml');
    expect(includeArguments('name=web tasks_from=setup').options).toEqual({
      name: 'web',
      tasks_from: 'setup',
    });
  });

  test('compile include_tasks and include_role to their targets', () => {
    expect(compileOne({ include_tasks: 'file={{ item }}.yml' }).node?.target).toEqual({
      type: 'tasks',
      file: '{{ item }}.yml',
    });
    expect(compileOne({ include_role: 'name=web tasks_from=setup' }).node?.target).toEqual({
      type: 'role',
      role: 'web',
      tasksFrom: 'setup',
    });
    expect(compileOne({ include_tasks: '' }).errors).toEqual(['include_tasks needs a task file (`file`)']);
  });

  test('apply on an import is an error found before its file or role is looked for, as Ansible parses it', () => {
    for (const action of ['import_tasks', 'ansible.builtin.import_role']) {
      const args = action.endsWith('role') ? { name: 'missing' } : { file: 'missing.yml' };
      expect(compileOne({ [action]: { ...args, apply: { tags: ['x'] } } }).errors).toEqual([
        `${action.replace('ansible.builtin.', '')}: \`apply\` is only for include_tasks and include_role (imports are static)`,
      ]);
    }
    expect(compileOne({ include_tasks: { file: 'x.yml', apply: { tags: ['x'] } } }).errors).toEqual([]);
  });

  test('run the included and imported task files in a real play', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-include-'));
    writeFileSync(join(work, 'inner.yml'), '- copy: content="{{ word }}" dest={{ work }}/{{ word }}.txt\n');
    const { exitCode } = await playTasks(
      work,
      [
        '- include_tasks: file={{ work }}/inner.yml',
        '  vars: { word: included }',
        '- import_tasks: file=inner.yml',
        '  vars: { word: imported }',
      ].join('\n'),
    );
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'included.txt'), 'utf8')).toBe('included');
    expect(readFileSync(join(work, 'imported.txt'), 'utf8')).toBe('imported');
  });
});
