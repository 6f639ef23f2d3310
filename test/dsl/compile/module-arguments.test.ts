import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder, type TaskNode } from '../../../dsl/index.js';

const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Compiles task lists in a playbook folder; returns the compiled tasks. */
function compiled(tasks: Array<Record<string, unknown>>, playbookDir = tmpdir()): TaskNode[] {
  const { graph, issues } = compilePlaybookValue(
    join(playbookDir, 'inline.yml'),
    [{ hosts: 'all', gather_facts: false, tasks }],
    { inventory },
  );
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return graph.plays[0].sections.flatMap((s) => s.nodes) as TaskNode[];
}

describe('the compiler resolves a task module once', () => {
  test('the task carries its module: canonical name, kind, where it runs and its file', () => {
    const [service, debug] = compiled([
      { 'ansible.builtin.systemd': { name: 'nginx', state: 'started' } },
      { debug: { msg: 'hi' } },
    ]);
    expect(service.module).toBe('service');
    expect(service.resolved).toEqual({
      name: 'service',
      kind: 'builtin',
      runsOn: 'remote',
      file: 'modules/service.ts',
    });
    expect(debug.resolved).toMatchObject({ name: 'debug', runsOn: 'controller' });
  });

  test("a playbook's own module resolves to its file", () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-resolve-'));
    mkdirSync(join(dir, 'modules'));
    writeFileSync(join(dir, 'modules', 'motd.ts'), 'export const run = () => ({ changed: false });\n');
    const [motd] = compiled([{ motd: { text: 'hi' } }], dir);
    expect(motd.resolved).toEqual({
      name: 'motd',
      kind: 'local',
      runsOn: 'remote',
      file: join(dir, 'modules', 'motd.ts'),
    });
    expect(motd.checkedArgs).toBeUndefined();
  });
});

describe('arguments checked at compile time', () => {
  test('static arguments are kept validated and converted: aliases resolved, text booleans typed, defaults filled', () => {
    const [copy] = compiled([{ copy: 'path=/tmp/x content=hi backup=yes' }]);
    expect(copy.args).toEqual({ path: '/tmp/x', content: 'hi', backup: 'yes' });
    expect(copy.checkedArgs).toMatchObject({ dest: '/tmp/x', content: 'hi', backup: true, force: true });
    expect(copy.checkedArgs).not.toHaveProperty('path');
  });

  test('arguments a template (or a comment, or a vault value) decides are left for the runner to check', () => {
    const tasks = compiled([
      { copy: { dest: '{{ target }}', content: 'hi' } },
      { debug: { msg: 'a {# note #} b' } },
      { file: { path: '/tmp/x', state: 'touch', mode: '{% if x %}0600{% else %}0644{% endif %}' } },
    ]);
    for (const task of tasks) expect(task.checkedArgs, task.module).toBeUndefined();
  });
});
