import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InventoryBuilder } from '../../../dsl/inventory/index.js';
import { loadPlaybook } from '../../../runner/play/load-playbook.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'run');
const inventory = () => {
  const builder = new InventoryBuilder();
  builder.addHost('localhost', 'all');
  return builder.build();
};

describe('loading a TypeScript playbook', () => {
  test("imports the DSL as 'spindle' and places a mistake at the builder call's file:line:col", async () => {
    const file = join(fixtures, 'typed-entry.ts');
    const { graph, issues } = await loadPlaybook(file, { inventory: inventory() });
    expect(graph.plays[0].sections.flatMap((s) => s.nodes).map((n) => n.kind === 'task' && n.module)).toEqual(
      ['debug', 'copy', 'file'],
    );
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.file, i.line, i.column, i.path])).toEqual([
      [file, 11, 13, '[0].tasks[2].file.state'], // the builder's name: `file(`
    ]);
  });

  test('an exception thrown while the playbook loads names the line that threw', async () => {
    const file = join(fixtures, 'throws-typed.ts');
    const { issues } = await loadPlaybook(file, { inventory: inventory() });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file,
      line: 5,
      message: 'the playbook threw while loading: no HOSTS given',
    });
    expect(issues[0].column).toBeGreaterThan(0);
  });
});
