import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../dsl/index.js';
import type { DslIssue } from '../../dsl/issues.js';
import type { Gathering } from '../../runner/play/run-options.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';
import type { HostStats, RunEvent, RunEventOf } from '../../runner/report/events.js';

/** What one run of a small playbook did on localhost: exit code, recap, every result, the load warnings. */
export interface FilesRun {
  exitCode: number;
  stats: HostStats;
  /** The recap of every host (`stats` is localhost's). */
  statsByHost: Record<string, HostStats>;
  results: Array<RunEventOf<'task:result'>>;
  /** Every event of the run, in order. */
  events: RunEvent[];
  /** The `ERROR! …` messages printed without ending the run. */
  errors: string[];
  warnings: DslIssue[];
  /** The folder the files were written to (removed after the run unless `keep`). */
  dir: string;
}

/**
 * Writes `files` (path → text; `site.yml` is the playbook, `WORK` in any text becomes the folder) into a fresh
 * folder and runs `site.yml` on `localhost` (local connection): the harness of the semantics tests.
 */
export async function runFiles(
  files: Record<string, string>,
  options: {
    check?: boolean;
    extraVars?: Record<string, unknown>;
    keep?: boolean;
    /** Inventory hosts (all local connections) as `group: [hosts]`; by default `localhost` alone. */
    groups?: Record<string, string[]>;
    /** ANSIBLE_GATHERING: when plays gather facts (default implicit). */
    gathering?: Gathering;
    /** --force-handlers: handlers run on failed hosts too (plays without `force_handlers`). */
    forceHandlers?: boolean;
    /** --tags: only tasks with these tags run. */
    tags?: string[];
    /** ANSIBLE_ERROR_ON_MISSING_HANDLER (default true). */
    errorOnMissingHandler?: boolean;
    /** ANSIBLE_ROLES_PATH: folders (relative to the written files) where roles are found too. */
    rolesPath?: string[];
  } = {},
): Promise<FilesRun> {
  const dir = mkdtempSync(join(tmpdir(), 'spindle-semantics-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text.replaceAll('WORK', dir));
    }
    const builder = new InventoryBuilder();
    for (const [group, hosts] of Object.entries(options.groups ?? { ungrouped: ['localhost'] }))
      for (const host of hosts) builder.addHost(host, group, { ansible_connection: 'local' });
    const inventory = builder.build();
    const { graph, issues } = compilePlaybook(join(dir, 'site.yml'), {
      inventory,
      extraVars: options.extraVars,
      tags: options.tags,
      rolesPath: options.rolesPath?.map((p) => join(dir, p)),
    });
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0) throw new Error(`the playbook does not compile:\n${renderIssues(errors)}`);
    const events: RunEvent[] = [];
    const { exitCode, stats } = await runPlaybook({
      graph,
      inventory,
      extraVars: options.extraVars ?? {},
      check: options.check ?? false,
      diff: false,
      verbosity: 0,
      gathering: options.gathering,
      forceHandlers: options.forceHandlers,
      errorOnMissingHandler: options.errorOnMissingHandler,
      emit: (event) => events.push(event),
    });
    const results = events.filter((e): e is RunEventOf<'task:result'> => e.kind === 'task:result');
    return {
      exitCode,
      stats: stats.localhost,
      statsByHost: stats,
      results,
      events,
      errors: events.flatMap((e) => (e.kind === 'error' ? [e.msg] : [])),
      warnings: issues.filter((issue) => issue.severity === 'warning'),
      dir,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
