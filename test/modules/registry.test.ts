import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { playbookJsonSchema } from '../../dsl/json-schema.js';
import { tasks } from '../../dsl/typescript/index.js';
import { parseModuleName } from '../../modules/contract/module-name.js';
import { builtinEntries, builtinSpellings, findBuiltin, resolveModule } from '../../modules/registry.js';
import { controllerActions } from '../../runner/actions/index.js';
import { packageRoot } from '../../runner/core/package-root.js';

const root = packageRoot();
let properties: Record<string, unknown> | undefined;
const taskProperties = () => {
  const schema = () => playbookJsonSchema() as { $defs: { task: { properties: Record<string, unknown> } } };
  properties ??= schema().$defs.task.properties;
  return properties;
};

describe('the module registry', () => {
  test.each(builtinEntries.map(([name, entry]) => [name, entry] as const))(
    '%s has its source file, a builder, a JSON Schema entry and a docs page',
    async (name, entry) => {
      expect(entry.definition.name).toBe(name);
      expect(existsSync(join(root, entry.file)), entry.file).toBe(true);
      const source = (await import(join(root, entry.file))) as { run?: unknown };
      if (entry.definition.runsOn === 'remote')
        expect(typeof source.run, `${entry.file} exports run`).toBe('function');
      expect(typeof tasks[name], `tasks.${name}`).toBe('function');
      expect(taskProperties()[name], `play schema has ${name}`).toBeDefined();
      expect(taskProperties()[`ansible.builtin.${name}`]).toBeDefined();
      expect(existsSync(join(root, 'docs', 'modules', `${name}.md`)), `docs/modules/${name}.md`).toBe(true);
    },
  );

  test('controller halves exist only for remote modules of the registry', () => {
    const names = new Map(builtinEntries);
    for (const name of Object.keys(controllerActions))
      expect(names.get(name as never)?.definition.runsOn, name).toBe('remote');
  });

  test('no alias names another module or is given twice', () => {
    const spellings = builtinSpellings();
    expect(new Set(spellings).size).toBe(spellings.length);
  });

  test('every spelling finds its module: short, FQCN of the built-in collections, alias', () => {
    expect(findBuiltin('ansible.builtin.copy')?.definition.name).toBe('copy');
    expect(findBuiltin('ansible.legacy.systemd')?.definition.name).toBe('service');
    expect(findBuiltin('spindle.package')?.definition.name).toBe('apt');
    expect(findBuiltin('community.general.copy')).toBeUndefined();
    expect(parseModuleName('community.general.ufw')).toEqual({ short: 'community.general.ufw' });
    expect(parseModuleName('ansible.legacy.ufw')).toEqual({ collection: 'ansible.legacy', short: 'ufw' });
  });
});

describe('resolving a task module', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  test('a built-in resolves to its kind, where it runs and its file; a local module to its absolute path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-registry-'));
    await mkdir(join(dir, 'modules'));
    writeFileSync(join(dir, 'modules', 'motd.js'), 'export const run = () => ({ changed: false });\n');
    const local = [join(dir, 'modules')];
    expect(resolveModule('ansible.builtin.systemd', local)).toEqual({
      name: 'service',
      kind: 'builtin',
      runsOn: 'remote',
      file: 'modules/service.ts',
    });
    expect(resolveModule('debug', local)).toMatchObject({ kind: 'builtin', runsOn: 'controller' });
    expect(resolveModule('spindle.motd', local)).toEqual({
      name: 'motd',
      kind: 'local',
      runsOn: 'remote',
      file: join(dir, 'modules', 'motd.js'),
    });
    expect(resolveModule('nosuch', local)).toBeUndefined();
  });
});
