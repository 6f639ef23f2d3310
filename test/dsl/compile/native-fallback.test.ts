import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder, type TaskNode } from '../../../dsl/index.js';

const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();

/** Compiles one task list; returns its tasks and the load issues. */
function compile(tasks: Array<Record<string, unknown>>) {
  const { graph, issues } = compilePlaybookValue(
    join(tmpdir(), 'inline.yml'),
    [{ hosts: 'all', gather_facts: false, tasks }],
    { inventory },
  );
  const nodes = graph.plays[0]?.sections.flatMap((s) => s.nodes) as TaskNode[] | undefined;
  return { tasks: nodes ?? [], errors: issues.filter((i) => i.severity === 'error') };
}

describe('a built-in task that uses an option its native module lacks', () => {
  test("runs Ansible's module of the same name through Python", () => {
    const { tasks, errors } = compile([{ replace: { path: '/tmp/x', regexp: 'a', seuser: 'system_u' } }]);
    expect(errors).toEqual([]);
    expect(tasks[0].module).toBe('ansible.builtin.replace');
    expect(tasks[0].resolved.kind).toBe('ansible');
    expect(tasks[0].resolved.file).toMatch(/ansible\/modules\/replace\.py$/);
    expect(tasks[0].checkedArgs).toBeUndefined();
  });

  test('stays native when it gives the option its "not used" value, or none', () => {
    const { tasks, errors } = compile([
      { replace: { path: '/tmp/x', regexp: 'a' } },
      { user: { name: 'bob', generate_ssh_key: false } },
    ]);
    expect(errors).toEqual([]);
    expect(tasks.map((t) => t.resolved.kind)).toEqual(['builtin', 'builtin']);
  });

  test("an alias of the option counts, and a templated value hands the task to Ansible's module too", () => {
    const { tasks, errors } = compile([
      { file: { path: '/tmp/x', state: 'touch', attr: '+i' } },
      { user: { name: 'bob', generate_ssh_key: '{{ want_key }}' } },
    ]);
    expect(errors).toEqual([]);
    expect(tasks.map((t) => t.module)).toEqual(['ansible.builtin.file', 'ansible.builtin.user']);
  });

  test("then Ansible's documentation checks the other arguments, with file:line:col errors", () => {
    const { errors } = compile([
      { replace: { path: '/tmp/x', regexp: 'a', seuser: 'system_u', backup: 'perhaps' } },
    ]);
    expect(errors.map((e) => e.message)).toEqual(['Expected `backup` to be a boolean, got "perhaps"']);
  });

  test("package hands its work to apt, the module `use` names or Spindle's package manager, without `use`", () => {
    const { tasks, errors } = compile([{ package: { name: 'curl', use: 'apt' } }]);
    expect(errors).toEqual([]);
    expect(tasks[0].module).toBe('ansible.builtin.apt');
    expect(tasks[0].args).toEqual({ name: 'curl' });
  });

  test("is a load error naming the option when Ansible's module needs its action plugin", () => {
    const { errors } = compile([{ template: { src: 'a.j2', dest: '/tmp/a', seuser: 'system_u' } }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'unsupported-option',
      path: '[0].tasks[0].template.seuser',
    });
    expect(errors[0].message).toContain(
      "option `seuser` is not implemented by Spindle's native template module",
    );
    expect(errors[0].message).toContain('action plugin');
  });

  test('a templated value for such a module stays native (the module fails naming it if it is used)', () => {
    const { tasks, errors } = compile([
      { template: { src: 'a.j2', dest: '/tmp/a', seuser: '{{ marker }}' } },
    ]);
    expect(errors).toEqual([]);
    expect(tasks[0].resolved.kind).toBe('builtin');
  });

  test('the spindle. prefix asks for the native module: a load error names the option', () => {
    const { errors } = compile([{ 'spindle.replace': { path: '/tmp/x', regexp: 'a', seuser: 'system_u' } }]);
    expect(errors.map((e) => e.message)).toEqual([
      "option `seuser` is not implemented by Spindle's native replace module (docs/modules/replace.md), and `spindle.replace` names the native module only",
    ]);
  });
});
