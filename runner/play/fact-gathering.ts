import type { PlayNode, TaskNode } from '../../dsl/graph.js';
import { resolvedBuiltin } from '../../modules/registry.js';
import type { HostRun } from './host-run.js';
import type { Gathering } from './run-options.js';

/** The fact Ansible's gathering sets once a host's facts were gathered; `smart` gathering skips such hosts. */
export const FACTS_GATHERED = '_ansible_facts_gathered';

/**
 * The hosts a play's implicit fact gathering runs on, as Ansible decides it: `implicit` gathers unless
 * `gather_facts: false`; `explicit` only with `gather_facts: true`; `smart` as implicit, but only on hosts whose
 * facts were not gathered yet in this run (`meta: clear_facts` makes a host gather again).
 */
export function hostsToGather(play: PlayNode, gathering: Gathering, hosts: HostRun[]): HostRun[] {
  const implied = play.gatherFacts !== false;
  if (gathering === 'explicit') return play.gatherFacts === true ? hosts : [];
  if (gathering === 'smart') return implied ? hosts.filter((h) => h.facts[FACTS_GATHERED] !== true) : [];
  return implied ? hosts : [];
}

/** Whether a play may gather at all (its `setup` module is worth pushing to the hosts ahead of time). */
export function mayGather(play: PlayNode, gathering: Gathering): boolean {
  return gathering === 'explicit' ? play.gatherFacts === true : play.gatherFacts !== false;
}

/** The implicit `Gathering Facts` task, with the play's `gather_subset`, `gather_timeout` and `fact_path`. */
export function gatheringTask(play: PlayNode): TaskNode {
  return {
    kind: 'task',
    id: `${play.id}.facts`,
    name: 'Gathering Facts',
    module: 'setup',
    resolved: resolvedBuiltin('setup'),
    args: { ...play.gatherArgs },
    notify: [],
    when: play.importedWhen ?? [],
    tags: ['always'],
    vars: {},
    location: play.location,
  };
}

/** Marks the hosts whose gathering succeeded, so `smart` gathering leaves them alone in later plays. */
export function markGathered(hosts: HostRun[]): void {
  for (const host of hosts) if (host.facts.module_setup === true) host.facts[FACTS_GATHERED] = true;
}
