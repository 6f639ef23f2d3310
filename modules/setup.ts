import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import type { COLLECTORS } from './facts/collectors.js';
import { filterFacts } from './facts/fact-filter.js';
import { BadSubsetError, collectorsFor } from './facts/gather-subset.js';
import { commandBudget } from './facts/host-files.js';
import { discoveredPython } from './facts/python.js';

/** Ansible's `list` option type: a list, or a comma-separated string. */
const stringList = z.union([z.string(), z.array(z.string())]).transform((v) =>
  Array.isArray(v)
    ? v
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
);

const args = z
  .object({
    gather_subset: stringList.optional(),
    filter: stringList.optional(),
    fact_path: z.string().optional(),
    gather_timeout: z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/)]).optional(),
    /** `gather_facts`' option (run the fact modules of several network OSes at once): one module here, ignored. */
    parallel: z.union([z.boolean(), z.string()]).optional(),
  })
  .strict();

/** What one gathering produced: the facts under their `ansible_` names, and warnings about local facts. */
export interface Gathered {
  facts: Record<string, unknown>;
  warnings: string[];
}

/** Runs the collectors `gather_subset` picks, in Ansible's order, each seeing the facts gathered before it. */
async function gather(
  options: z.infer<typeof args>,
  environment?: Record<string, string>,
): Promise<Gathered> {
  const subset = options.gather_subset?.length ? options.gather_subset : ['all'];
  let collectors: typeof COLLECTORS;
  try {
    collectors = collectorsFor(subset);
  } catch (error) {
    if (error instanceof BadSubsetError) throw new ModuleFailure(error.message);
    throw error;
  }
  commandBudget.seconds = Number(options.gather_timeout ?? 10) || 10;
  const collected: Record<string, unknown> = {};
  const warnings: string[] = [];
  const facts: Record<string, unknown> = {};
  for (const collector of collectors) {
    let found: Record<string, unknown> = {};
    try {
      found = await collector.collect({
        collected,
        factPath: options.fact_path ?? '/etc/ansible/facts.d',
        warnings,
        environment,
      });
    } catch (error) {
      warnings.push(`${collector.name} facts: ${(error as Error).message}`);
    }
    Object.assign(collected, found);
    const named = Object.fromEntries(
      Object.entries(found).map(([k, v]) => [`ansible_${k.replaceAll('-', '_')}`, v]),
    );
    Object.assign(facts, filterFacts(named, options.filter ?? []));
  }
  Object.assign(facts, filterFacts({ gather_subset: subset, module_setup: true }, options.filter ?? []));
  const python = discoveredPython();
  if (python) facts.discovered_interpreter_python = python;
  return { facts, warnings };
}

/** `setup` (and `gather_facts`): the host's facts under Ansible's `ansible_*` names, by fact family. */
export const setupModule = defineModule({
  name: 'setup',
  aliases: ['gather_facts'],
  summary:
    'Gather facts about the host as Ansible does: platform, distribution, hardware, network, virtualization, local facts.',
  runsOn: 'remote',
  idempotent: true,
  checkMode: 'run',
  args,
  probe: (options, env) => gather(options, env.environment),
  plan: () => ({ steps: [], reason: 'facts gathered' }),
  apply: async () => ({ changed: false }),
  report: (_a, gathered) => ({
    ansible_facts: gathered.facts,
    ...(gathered.warnings.length ? { warnings: gathered.warnings } : {}),
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(setupModule);
