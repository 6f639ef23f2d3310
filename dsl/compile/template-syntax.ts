import type { TaskNode } from '../graph.js';
import { Templar } from '../template/templar.js';
import { childPath } from '../yaml/load.js';
import { type CompileContext, issue, type Source } from './compile-context.js';

let syntaxTemplar: Templar | undefined;

/** Reports template syntax errors in a task's arguments and conditions at load time, where they were written. */
export function checkTemplateSyntax(
  ctx: CompileContext,
  source: Source,
  path: string,
  action: string,
  node: TaskNode,
): void {
  syntaxTemplar ??= new Templar();
  const templar = syntaxTemplar;
  const report = (at: string, problem: string) =>
    issue(ctx, source, at, 'template-syntax', `template syntax error: ${problem}`);
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const problem = templar.syntaxError(value);
      if (problem) report(at, problem);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, childPath(at, i)));
    else if (value && typeof value === 'object' && !(value instanceof Uint8Array))
      for (const [key, inner] of Object.entries(value)) walk(inner, childPath(at, key));
  };
  walk(node.args, childPath(path, action));
  const conditions: Array<[string, unknown]> = [
    ['when', node.when],
    ['changed_when', node.changedWhen],
    ['failed_when', node.failedWhen],
    ['until', node.until],
  ];
  for (const [key, value] of conditions) {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    list.forEach((condition, i) => {
      if (typeof condition !== 'string') return;
      const problem = templar.syntaxError(condition, true);
      if (problem)
        report(
          Array.isArray(value) && list.length > 1 ? childPath(childPath(path, key), i) : childPath(path, key),
          problem,
        );
    });
  }
}
