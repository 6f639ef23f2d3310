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
  type TaskGraph,
} from '../../../dsl/index.js';
import { loadPlaybook } from '../../play/load-playbook.js';
import { OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import { explainText } from '../explain-text.js';
import { checkLimit } from '../no-hosts.js';
import type { Plan } from '../plan.js';
import { loadVaultSecrets } from '../vault-secrets.js';
import type { RunWarning } from './run.js';

type PlaybookPlan = Extract<Plan, { command: 'playbook' }>;

/**
 * Every command that takes playbooks: load the inventory and `-e` values, compile each playbook (all issues
 * at once, as a DslError → exit 4), then list, check, explain or run.
 */
export async function execute(plan: PlaybookPlan, io: CliIo): Promise<number> {
  const s = plan.settings;
  const vault = await loadVaultSecrets(s.vault, io);
  const loaded = loadInventory(s.inventory, { cwd: io.cwd, hashBehaviour: s.hashBehaviour });
  const warnings: RunWarning[] = [];
  raiseIssues(loaded.issues, warnings, io);
  const inventory = loaded.inventory;
  try {
    checkLimit(inventory, s.limit, (msg) => warnings.push({ msg }));
  } catch (error) {
    printWarnings(warnings, io);
    throw error;
  }
  const extraVars = readExtraVars(s.extraVars, io.cwd);
  if (plan.action === 'explain-var' && plan.explain) {
    printWarnings(warnings, io);
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
      hashBehaviour: s.hashBehaviour,
      vault,
    });
    issues.push(...compiled.issues);
    graphs.push(compiled.graph);
  }
  raiseIssues(issues, warnings, io);
  if (plan.action === 'run') {
    const { runGraphs } = await import('./run.js');
    return runGraphs(graphs, inventory, extraVars, s, io, vault, warnings);
  }
  printWarnings(warnings, io);
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  switch (plan.action) {
    case 'syntax-check':
      for (const playbook of plan.playbooks) print(`\nplaybook: ${playbook}`);
      return 0;
    case 'list-tasks':
      graphs.forEach((graph, i) => io.stdout.write(listTasks(graph, plan.playbooks[i])));
      return 0;
    case 'list-hosts':
      graphs.forEach((graph, i) => print(listHosts(graph, plan.playbooks[i])));
      return 0;
    case 'list-tags':
      graphs.forEach((graph, i) => print(listTags(graph, plan.playbooks[i])));
      return 0;
    case 'graph':
      for (const graph of graphs) print(graphText(graph));
      return 0;
    default:
      return 0;
  }
}

/**
 * Collects warning issues (each once; a run sends them to its reporter as `warning` events, the other actions
 * print them) and throws every error at once as a DslError (the boundary renders it, exit 4), printing the
 * warnings collected so far first.
 */
function raiseIssues(issues: DslIssue[], warnings: RunWarning[], io: CliIo): void {
  for (const issue of issues)
    if (issue.severity === 'warning')
      warnings.push({
        msg: issue.message,
        source: issue.file
          ? { file: issue.file, line: issue.line ?? 1, column: issue.column ?? 1 }
          : undefined,
      });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  printWarnings(warnings, io);
  throw new DslError(errors);
}

/** Prints `[WARNING]: message (file:line:column)` lines on stderr, as the plain reporter does, and forgets them. */
function printWarnings(warnings: RunWarning[], io: CliIo): void {
  for (const w of warnings.splice(0))
    io.stderr.write(
      `[WARNING]: ${w.msg}${w.source ? ` (${w.source.file}:${w.source.line}:${w.source.column})` : ''}\n`,
    );
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
