import { type CompileOptions, compileYamlPlaybook } from './compile/compile-playbook.js';
import type { TaskGraph } from './graph.js';
import type { DslIssue } from './issues.js';
import type { Position } from './yaml/load.js';

export type { CompileOptions } from './compile/compile-playbook.js';
export { compileRoleAtRunTime, compileTaskFile } from './compile/run-time-compile.js';
export type * from './graph.js';
export * from './inventory/index.js';
export { DslError, type DslIssue, describeValue, renderIssues } from './issues.js';
export { playbookJsonSchema } from './json-schema.js';
export { graphText, listHosts, listTags, listTasks } from './present.js';
export { OMIT, Templar, TemplateError, type TemplateWhere } from './template/templar.js';
export * from './vars/index.js';
export * from './vault/index.js';

/** Compiles a playbook file (YAML) into a TaskGraph plus every issue found; nothing is executed. */
export function compilePlaybook(
  path: string,
  options: CompileOptions,
): { graph: TaskGraph; issues: DslIssue[] } {
  return compileYamlPlaybook(path, options);
}

/**
 * Compiles a playbook given as data (a TypeScript playbook's default export) through the same checks as YAML;
 * `positions` (data path → line and column, see dsl/typescript/source-location.ts) place its issues.
 */
export function compilePlaybookValue(
  path: string,
  value: unknown,
  options: CompileOptions,
  positions?: Map<string, Position>,
): { graph: TaskGraph; issues: DslIssue[] } {
  return compileYamlPlaybook(path, options, { value, positions });
}
