import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../dsl/index.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';
import type { RunEvent, RunEventOf } from '../../runner/report/events.js';

/** What one playbook run produced: exit code, localhost's stats, and every `task:result` event. */
export interface PlayOutcome {
  exitCode: number;
  stats: { ok: number; changed: number; failed: number; skipped: number };
  /** The `task:result` events, in order (`status`, `msg`, and the module's `result`). */
  results: Array<RunEventOf<'task:result'>>;
  lines: string[];
}

/**
 * Writes `tasks` (YAML task list text) as `site.yml` in `dir`, then runs it through `runPlaybook` on
 * localhost over a real local context, with `work` set to `dir`: module tests end to end.
 */
export async function playTasks(
  dir: string,
  tasks: string,
  options: { check?: boolean; diff?: boolean; host?: string } = {},
): Promise<PlayOutcome> {
  const host = options.host ?? 'localhost';
  const indented = tasks
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n');
  const playbook = join(dir, 'site.yml');
  writeFileSync(playbook, `- hosts: all\n  gather_facts: false\n  tasks:\n${indented}\n`);
  const builder = new InventoryBuilder();
  builder.addHost(host, 'ungrouped', { ansible_connection: 'local' });
  const inventory = builder.build();
  const { graph, issues } = compilePlaybook(playbook, { inventory });
  expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work: dir },
    check: options.check ?? false,
    diff: options.diff ?? false,
    verbosity: 0,
    emit: (e) => events.push(e),
  });
  const results = events.filter((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
  const lines = events.filter((e) => e.kind === 'host:output').map((e) => (e as { line: string }).line);
  return { exitCode: outcome.exitCode, stats: outcome.stats[host], results, lines };
}
