import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import {
  type CompileOptions,
  compilePlaybook,
  compilePlaybookValue,
  type DslIssue,
  type TaskGraph,
} from '../../dsl/index.js';
import { sourcePositions, stackFrames } from '../../dsl/typescript/source-location.js';
import { packageRoot } from '../core/package-root.js';
import { PlaybookSourceMap } from './playbook-source-map.js';

const TYPESCRIPT = /\.(ts|mts|js|mjs)$/;

/**
 * `import { playbook, tasks } from 'spindle'` in a playbook means this Spindle's TypeScript DSL (the package's
 * `exports` entry), wherever the playbook lives: the sources in a checkout, else the built `dist/`.
 */
const spindleEntry: Plugin = {
  name: 'spindle-entry',
  setup(b) {
    b.onResolve({ filter: /^spindle$/ }, () => {
      const source = join(packageRoot(), 'dsl', 'typescript', 'index.ts');
      return {
        path: existsSync(source) ? source : join(packageRoot(), 'dist', 'dsl', 'typescript', 'index.js'),
      };
    });
  },
};

/**
 * Loads and compiles a playbook: YAML directly; a TypeScript (or JavaScript) playbook is bundled with esbuild
 * and imported, and its default export goes through the same validation and compiler as YAML.
 */
export async function loadPlaybook(
  path: string,
  options: CompileOptions,
): Promise<{ graph: TaskGraph; issues: DslIssue[] }> {
  if (!TYPESCRIPT.test(path)) return compilePlaybook(path, options);
  const file = resolve(path);
  const cacheDir = join(packageRoot(), 'node_modules', '.cache', 'spindle');
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(
    cacheDir,
    `playbook-${createHash('sha256').update(file).digest('hex').slice(0, 12)}-${Date.now()}.mjs`,
  );
  let sourceMap: PlaybookSourceMap;
  try {
    const { build } = await import('esbuild');
    const built = await build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      packages: 'external',
      plugins: [spindleEntry],
      logLevel: 'silent',
      sourcemap: 'external',
      write: false,
    });
    const map = built.outputFiles.find((f) => f.path.endsWith('.map'));
    const code = built.outputFiles.find((f) => !f.path.endsWith('.map'));
    writeFileSync(outfile, code?.contents ?? '');
    sourceMap = new PlaybookSourceMap(
      outfile,
      realpathSync(outfile),
      JSON.parse(map?.text ?? '{"sources":[],"mappings":""}'),
    );
  } catch (error) {
    const errors =
      (
        error as {
          errors?: Array<{ text: string; location?: { file: string; line: number; column: number } }>;
        }
      ).errors ?? [];
    return {
      graph: { playbook: file, plays: [], warnings: [] },
      issues: errors.map((e) => ({
        code: 'typescript',
        severity: 'error' as const,
        message: e.text,
        file: e.location ? resolve(e.location.file) : file,
        line: e.location?.line,
        column: (e.location?.column ?? 0) + 1,
      })),
    };
  }
  let value: unknown;
  try {
    const module = (await import(pathToFileURL(outfile).href)) as { default?: unknown };
    value = module.default;
  } catch (error) {
    const site = sourceMap.userFrame(stackFrames((error as Error)?.stack));
    return {
      graph: { playbook: file, plays: [], warnings: [] },
      issues: [
        {
          code: 'typescript',
          severity: 'error',
          message: `the playbook threw while loading: ${(error as Error).message}`,
          file: site?.file ?? file,
          line: site?.line,
          column: site?.column,
        },
      ],
    };
  } finally {
    rmSync(outfile, { force: true });
  }
  if (value === undefined) {
    return {
      graph: { playbook: file, plays: [], warnings: [] },
      issues: [
        {
          code: 'typescript',
          severity: 'error',
          message: 'a TypeScript playbook must `export default playbook(...)`',
          file,
        },
      ],
    };
  }
  const positions = sourcePositions(value, (frames) => {
    const frame = sourceMap.userFrame(frames);
    return frame?.file === file ? frame : undefined;
  });
  return compilePlaybookValue(file, value, options, positions);
}
