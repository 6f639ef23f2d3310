import { dirname, resolve } from 'node:path';
import {
  DslError,
  type DslIssue,
  graphText,
  listHosts,
  listTags,
  listTasks,
  loadInventory,
  parseExtraVars,
  renderIssues,
  type TaskGraph,
} from '../../../dsl/index.js';
import { loadPlaybook } from '../../play/load-playbook.js';
import { OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { explainText } from '../explain-text.js';
import type { Plan } from '../plan.js';
import { loadVaultSecrets } from '../vault-secrets.js';

type PlaybookPlan = Extract<Plan, { command: 'playbook' }>;

/**
 * Every command that takes playbooks: load the inventory and `-e` values, compile each playbook (all issues
 * at once, as a DslError → exit 4), then list, check, explain or run.
 */
export async function execute(plan: PlaybookPlan, io: CliIo): Promise<number> {
  const s = plan.settings;
  const vault = await loadVaultSecrets(s.vault, io);
  const loaded = loadInventory(s.inventory, { cwd: io.cwd });
  raiseIssues(loaded.issues, io);
  const inventory = loaded.inventory;
  const extraVars = readExtraVars(s.extraVars, io.cwd);
  if (plan.action === 'explain-var' && plan.explain) {
    io.stdout.write(
      explainText(
        plan.explain.name,
        plan.explain.host,
        inventory,
        extraVars,
        dirname(resolve(io.cwd, plan.playbooks[0])),
        vault,
      ),
    );
    return 0;
  }
  const graphs: TaskGraph[] = [];
  const issues: DslIssue[] = [];
  for (const playbook of plan.playbooks) {
    const compiled = await loadPlaybook(resolve(io.cwd, playbook), {
      inventory,
      limit: s.limit,
      tags: s.tags,
      skipTags: s.skipTags,
      extraVars,
      rolesPath: s.rolesPath,
      vault,
    });
    issues.push(...compiled.issues);
    graphs.push(compiled.graph);
  }
  raiseIssues(issues, io);
  for (const graph of graphs)
    for (const w of graph.warnings)
      io.stderr.write(
        `[WARNING]: ${w.message}${w.location ? ` (${w.location.file}:${w.location.line}:${w.location.column})` : ''}\n`,
      );
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  switch (plan.action) {
    case 'syntax-check':
      for (const playbook of plan.playbooks) print(`\nplaybook: ${playbook}`);
      return 0;
    case 'list-tasks':
      for (const graph of graphs) print(listTasks(graph));
      return 0;
    case 'list-hosts':
      for (const graph of graphs) print(listHosts(graph));
      return 0;
    case 'list-tags':
      for (const graph of graphs) print(listTags(graph));
      return 0;
    case 'graph':
      for (const graph of graphs) print(graphText(graph));
      return 0;
    default: {
      const { runGraphs } = await import('./run.js');
      return runGraphs(graphs, inventory, extraVars, s, io, vault);
    }
  }
}

/** Prints warnings, and throws every error at once as a DslError (the boundary renders it, exit 4). */
function raiseIssues(issues: DslIssue[], io: CliIo): void {
  const errors = issues.filter((i) => i.severity === 'error');
  for (const warning of issues.filter((i) => i.severity === 'warning'))
    io.stderr.write(`[WARNING]: ${renderIssues([warning])}\n`);
  if (errors.length > 0) throw new DslError(errors);
}

/** Parses `-e` values one by one, so an unreadable `@file` or bad YAML names the value (exit 5). */
export function readExtraVars(values: string[], cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const value of values) {
    try {
      Object.assign(out, parseExtraVars([value], cwd));
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      throw new OptionError('--extra-vars', `cannot use \`--extra-vars ${value}\`: ${reason}`);
    }
  }
  return out;
}
