import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/** The repository root (this file is test/layers.test.ts). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One import of a source file: what it names, and the repository folder it reaches (none for packages). */
interface Import {
  file: string;
  specifier: string;
  target?: string;
}

/** Every `.ts` file under a top-level source folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

/** The imports of a file as the TypeScript parser sees them: static, type-only, re-exports and `import()`. */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { file, specifier };
    const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
      .split(sep)
      .join('/');
    return { file, specifier, target };
  });
}

/** The layer rules of docs/how-it-works.md: each folder and what it must not import. */
const RULES: Array<{ folder: string; rule: string; forbidden: (i: Import) => boolean }> = [
  {
    folder: 'bootstrap',
    rule: 'bootstrap/ imports only node: builtins and files inside bootstrap/',
    forbidden: (i) =>
      i.target === undefined ? !i.specifier.startsWith('node:') : !i.target.startsWith('bootstrap/'),
  },
  {
    folder: 'dsl',
    rule: 'dsl/ never imports runner/',
    forbidden: (i) => i.target?.startsWith('runner/') === true,
  },
  {
    folder: 'modules',
    rule: 'modules/ never imports dsl/ or runner/',
    forbidden: (i) => i.target?.startsWith('dsl/') === true || i.target?.startsWith('runner/') === true,
  },
];

/** The broken imports of a folder, one line each: `file: import 'specifier' (rule)`. */
function violations(folder: string, forbidden: (i: Import) => boolean, rule: string): string[] {
  return sourceFiles(folder)
    .flatMap((file) => importsOf(file))
    .filter(forbidden)
    .map((i) => `${i.file}: import '${i.specifier}' breaks "${rule}"`);
}

describe('the layer rules hold for every source file', () => {
  for (const { folder, rule, forbidden } of RULES)
    test(`${rule}`, () => {
      expect(violations(folder, forbidden, rule)).toEqual([]);
    });

  test('a forbidden import is found, with the file and the import named', () => {
    const source = [
      "import { x } from '../runner/core/master.js';",
      "export type { Y } from '../runner/play/run-state.js';",
      "const later = await import('../runner/cli/cli.js');",
      "import { ok } from './template/templar.js';",
    ].join('\n');
    const found = importsOf('dsl/example.ts', source)
      .filter(RULES[1].forbidden)
      .map((i) => `${i.file}: ${i.specifier}`);
    expect(found).toEqual([
      'dsl/example.ts: ../runner/core/master.js',
      'dsl/example.ts: ../runner/play/run-state.js',
      'dsl/example.ts: ../runner/cli/cli.js',
    ]);
    const bootstrap = importsOf(
      'bootstrap/x.ts',
      "import fs from 'fs';\nimport { a } from 'node:fs';\nimport { b } from './codec.js';",
    )
      .filter(RULES[0].forbidden)
      .map((i) => i.specifier);
    expect(bootstrap).toEqual(['fs']);
  });
});
