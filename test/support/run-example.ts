import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../dsl/index.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';
import type { HostStats, RunEvent } from '../../runner/report/events.js';
import type { ExampleFile } from './module-doc.js';

/** What one run of a documented example did on localhost: the recap, and the tasks that failed or changed. */
export interface ExampleRun {
  exitCode: number;
  stats: HostStats;
  /** `task: msg` for every failed or unreachable result (empty when the example ran cleanly). */
  failures: string[];
  /** Names of the tasks that reported a change. */
  changed: string[];
}

/**
 * Wraps an example's task list into the play every module page promises (localhost, local connection, no fact
 * gathering, `work` = the given directory). The tasks are embedded as text, not re-serialised, so the
 * playbook loader reads exactly what the page shows (YAML 1.1 booleans, quoting).
 */
export function examplePlaybook(tasksYaml: string, work: string): string {
  const tasks = tasksYaml
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`))
    .join('\n');
  return [
    '- hosts: localhost',
    '  connection: local',
    '  gather_facts: false',
    '  vars:',
    `    work: ${JSON.stringify(work)}`,
    '  tasks:',
    tasks,
    '',
  ].join('\n');
}

/**
 * Runs a documented example through `runPlaybook` against `work`, from a fresh playbook directory holding the
 * page's extra files (templates, vars files), which is removed afterwards.
 */
export async function runExample(
  tasksYaml: string,
  files: ExampleFile[],
  work: string,
  options: { check: boolean },
): Promise<ExampleRun> {
  const playbookDir = mkdtempSync(join(tmpdir(), 'spindle-example-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(playbookDir, file.path)), { recursive: true });
      writeFileSync(join(playbookDir, file.path), file.content);
    }
    const playbook = join(playbookDir, 'site.yml');
    writeFileSync(playbook, examplePlaybook(tasksYaml, work));
    const inventory = new InventoryBuilder();
    inventory.addHost('localhost', 'ungrouped', { ansible_connection: 'local' });
    const built = inventory.build();
    const { graph, issues } = compilePlaybook(playbook, { inventory: built });
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0) throw new Error(`the example does not compile:\n${renderIssues(errors)}`);
    const events: RunEvent[] = [];
    const { exitCode, stats } = await runPlaybook({
      graph,
      inventory: built,
      extraVars: {},
      check: options.check,
      diff: false,
      verbosity: 0,
      emit: (event) => events.push(event),
    });
    const failures: string[] = [];
    const changed: string[] = [];
    for (const event of events) {
      if (event.kind === 'host:unreachable') failures.push(`unreachable (${event.phase}): ${event.msg}`);
      if (event.kind !== 'task:result' || event.item) continue;
      if (event.status === 'failed')
        failures.push(`${event.task}: ${event.msg ?? JSON.stringify(event.result)}`);
      if (event.status === 'changed') changed.push(event.task);
    }
    return { exitCode, stats: stats.localhost, failures, changed };
  } finally {
    rmSync(playbookDir, { recursive: true, force: true });
  }
}
