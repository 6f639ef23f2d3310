import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { ModuleDefinition } from '../../modules/contract/define-module.js';
import { builtinEntries, builtinModules } from '../../modules/registry.js';
import { snapshot } from '../modules/support.js';
import { type ModuleDoc, parseModuleDoc, schemaArguments } from '../support/module-doc.js';
import { runExample } from '../support/run-example.js';

const docsDir = join(import.meta.dirname, '..', '..', 'docs', 'modules');
const names = builtinEntries.map(([name]) => name);

function page(name: string): ModuleDoc {
  return parseModuleDoc(readFileSync(join(docsDir, `${name}.md`), 'utf8'));
}

/** Every module key used by the example's tasks, looking into blocks (`block`, `rescue`, `always`). */
function modulesUsed(tasks: unknown): string[] {
  if (!Array.isArray(tasks)) return [];
  return tasks.flatMap((task: Record<string, unknown>) => [
    ...Object.keys(task),
    ...modulesUsed(task.block),
    ...modulesUsed(task.rescue),
    ...modulesUsed(task.always),
  ]);
}

function spellings(definition: ModuleDefinition): string[] {
  const names = [definition.name, ...(definition.aliases ?? [])];
  return names.flatMap((n) => [n, `ansible.builtin.${n}`, `ansible.legacy.${n}`, `spindle.${n}`]);
}

describe.each(names)('docs/modules/%s.md', (name) => {
  const definition = builtinModules[name].definition;
  test('exists with a title and the Arguments, Returns and Example sections', () => {
    expect(existsSync(join(docsDir, `${definition.name}.md`))).toBe(true);
    const doc = page(definition.name);
    expect(doc.title).toBe(`# \`${definition.name}\``);
    for (const section of ['Arguments', 'Returns', 'Example']) {
      expect(doc.sections.has(section), `## ${section}`).toBe(true);
      expect(doc.sections.get(section)?.trim(), `## ${section} is empty`).not.toBe('');
    }
  });

  test('lists every argument of the schema, and only arguments the schema has', () => {
    const doc = page(definition.name);
    const documented = doc.arguments.map((a) => a.name);
    const schema = schemaArguments(definition.args);
    expect(schema.filter((name) => !documented.includes(name))).toEqual([]);
    if (schema.length > 0) expect(documented.filter((name) => !schema.includes(name))).toEqual([]);
  });

  test('lists only argument aliases that the schema accepts', () => {
    for (const { name: argument, aliases } of page(definition.name).arguments) {
      for (const alias of aliases) {
        const parsed = definition.args.safeParse({ [alias]: 'x' });
        const unknown = parsed.success
          ? []
          : parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
        expect(unknown, `\`${alias}\` (alias of \`${argument}\`)`).not.toContain(alias);
      }
    }
  });

  test('names its module aliases, if any', () => {
    const text = readFileSync(join(docsDir, `${definition.name}.md`), 'utf8');
    for (const alias of definition.aliases ?? []) expect(text).toContain(`\`${alias}\``);
  });

  test.concurrent('has an example that uses the module and runs cleanly', { timeout: 40_000 }, async () => {
    const doc = page(definition.name);
    expect(doc.example, 'an `<!-- example: run|check -->` marker followed by a yaml block').toBeDefined();
    const example = doc.example!;
    const used = modulesUsed(parse(example.yaml, { version: '1.1' }));
    expect(
      used.some((key) => spellings(definition).includes(key)),
      `a task using ${definition.name}`,
    ).toBe(true);
    const work = mkdtempSync(join(tmpdir(), `spindle-doc-${definition.name}-`));
    try {
      if (example.mode === 'check') {
        const before = snapshot(work);
        const run = await runExample(example.yaml, doc.files, work, { check: true });
        expect(run.failures).toEqual([]);
        expect(run.exitCode).toBe(0);
        expect(snapshot(work)).toEqual(before);
        return;
      }
      const first = await runExample(example.yaml, doc.files, work, { check: false });
      expect(first.failures).toEqual([]);
      expect(first.exitCode).toBe(0);
      const second = await runExample(example.yaml, doc.files, work, { check: false });
      expect(second.failures).toEqual([]);
      expect(second.exitCode).toBe(0);
      if (definition.idempotent) expect(second.changed, 'tasks changed on the second run').toEqual([]);
      if (!definition.idempotent) return;
      // Check mode must agree with the real run: after it, nothing would change, and nothing is touched.
      const before = snapshot(work);
      const check = await runExample(example.yaml, doc.files, work, { check: true });
      expect(check.failures).toEqual([]);
      expect(check.changed, 'tasks changed in check mode after a real run').toEqual([]);
      expect(snapshot(work)).toEqual(before);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
