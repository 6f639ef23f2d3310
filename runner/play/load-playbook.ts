import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CompileOptions,
  compilePlaybook,
  compilePlaybookValue,
  type DslIssue,
  type TaskGraph,
} from '../../dsl/index.js';
import { packageRoot } from '../core/package-root.js';

const TYPESCRIPT = /\.(ts|mts|js|mjs)$/;

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
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      packages: 'external',
      logLevel: 'silent',
      sourcemap: 'inline',
    });
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
    rmSync(outfile, { force: true });
    return {
      graph: { playbook: file, plays: [], warnings: [] },
      issues: [
        {
          code: 'typescript',
          severity: 'error',
          message: `the playbook threw while loading: ${(error as Error).message}`,
          file,
        },
      ],
    };
  }
  rmSync(outfile, { force: true });
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
  return compilePlaybookValue(file, value, options);
}
