import picomatch from 'picomatch';
import { combineVars, type HashBehaviour } from '../vars/combine.js';
import { addDynamicGroup, addDynamicHost } from './dynamic.js';
import type { Inventory, InventoryGroup, InventoryHost } from './types.js';

/** Collects hosts and groups while a source is parsed, then freezes them into an Inventory. */
export class InventoryBuilder {
  readonly hosts = new Map<string, InventoryHost>();
  readonly groups = new Map<string, InventoryGroup>();
  readonly varsDirs: string[] = [];
  /** Each group's hosts as a set, so adding a host stays O(1) (a 100,000-host range must not be quadratic). */
  private readonly members = new Map<string, Set<string>>();

  /** `hash_behaviour`: how variables a source sets again combine with what earlier sources set. */
  constructor(readonly hashBehaviour?: HashBehaviour) {
    this.group('all');
    this.group('ungrouped');
  }

  /** Returns the group, creating it (as a child of `all`) when new. */
  group(name: string): InventoryGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, hosts: [], children: [], vars: {} };
      this.groups.set(name, group);
    }
    return group;
  }

  /** Adds a host to a group (merging its variables), creating the host when new. */
  addHost(name: string, groupName: string, vars: Record<string, unknown> = {}): InventoryHost {
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, vars: {}, groups: [] };
      this.hosts.set(name, host);
    }
    host.vars = combineVars(this.hashBehaviour, host.vars, vars);
    this.addMember(this.group(groupName), name);
    if (!host.groups.includes(groupName)) host.groups.push(groupName);
    return host;
  }

  private addMember(group: InventoryGroup, host: string): void {
    let members = this.members.get(group.name);
    if (!members || members.size !== group.hosts.length) {
      members = new Set(group.hosts);
      this.members.set(group.name, members);
    }
    if (members.has(host)) return;
    members.add(host);
    group.hosts.push(host);
  }

  /** Finishes: hosts in no group but `all` go to `ungrouped`, top-level groups become children of `all`. */
  build(): Inventory {
    const all = this.group('all');
    const ungrouped = this.group('ungrouped');
    const isChild = new Set([...this.groups.values()].flatMap((g) => g.children));
    for (const group of this.groups.values()) {
      if (group.name !== 'all' && !isChild.has(group.name) && !all.children.includes(group.name))
        all.children.push(group.name);
    }
    for (const host of this.hosts.values()) {
      if (host.groups.every((g) => g === 'all' || g === 'ungrouped')) {
        this.addMember(ungrouped, host.name);
        if (!host.groups.includes('ungrouped')) host.groups.push('ungrouped');
      }
    }
    return makeInventory(this.hosts, this.groups, this.varsDirs);
  }
}

function makeInventory(
  hosts: Map<string, InventoryHost>,
  groups: Map<string, InventoryGroup>,
  varsDirs: string[],
): Inventory {
  const order = [...hosts.keys()];
  const membersOf = (groupName: string, seen = new Set<string>()): Set<string> => {
    const out = new Set<string>();
    if (seen.has(groupName)) return out;
    seen.add(groupName);
    if (groupName === 'all') return new Set(order);
    const group = groups.get(groupName);
    if (!group) return out;
    for (const h of group.hosts) out.add(h);
    for (const child of group.children) for (const h of membersOf(child, seen)) out.add(h);
    return out;
  };
  const single = (term: string): Set<string> => {
    if (term === 'all' || term === '*') return new Set(order);
    if (term.startsWith('~')) {
      const re = new RegExp(term.slice(1));
      return new Set([
        ...order.filter((h) => re.test(h)),
        ...[...groups.keys()].filter((g) => re.test(g)).flatMap((g) => [...membersOf(g)]),
      ]);
    }
    const indexed = /^(.+)\[(-?\d+)(?::(-?\d*))?\]$/.exec(term);
    if (indexed && (groups.has(indexed[1]) || !hosts.has(term))) {
      const members = order.filter((h) => membersOf(indexed[1]).has(h));
      const start = Number(indexed[2]);
      if (indexed[3] === undefined)
        return new Set(members.at(start) !== undefined ? [members.at(start)!] : []);
      const end = indexed[3] === '' ? members.length : Number(indexed[3]) + 1;
      return new Set(members.slice(start, end));
    }
    if (groups.has(term)) return membersOf(term);
    if (hosts.has(term)) return new Set([term]);
    if (/[*?[]/.test(term)) {
      const match = picomatch(term);
      return new Set([
        ...order.filter((h) => match(h)),
        ...[...groups.keys()].filter((g) => match(g)).flatMap((g) => [...membersOf(g)]),
      ]);
    }
    return new Set();
  };
  const mutable = { hosts, groups, order };
  // What add_host and group_by did, in order: a refreshed inventory gets it again.
  const dynamic: Array<() => boolean> = [];
  const remember = (change: () => boolean): boolean => {
    dynamic.push(change);
    return change();
  };
  return {
    hosts,
    groups,
    varsDirs,
    addDynamicHost: (name, hostGroups, vars) =>
      remember(() => addDynamicHost(mutable, name, hostGroups, vars)),
    addDynamicGroup: (host, group, parents) => remember(() => addDynamicGroup(mutable, host, group, parents)),
    refresh(fresh) {
      hosts.clear();
      for (const [name, host] of fresh.hosts) hosts.set(name, host);
      groups.clear();
      for (const [name, group] of fresh.groups) groups.set(name, group);
      order.splice(0, order.length, ...fresh.hosts.keys());
      varsDirs.splice(0, varsDirs.length, ...fresh.varsDirs);
      for (const change of dynamic) change();
    },
    selectHosts(pattern) {
      const terms = splitPattern(pattern);
      let selected = new Set<string>();
      const plain = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
      for (const t of plain) for (const h of single(t)) selected.add(h);
      if (plain.length === 0) selected = new Set(order);
      for (const t of terms.filter((t) => t.startsWith('&'))) {
        const keep = single(t.slice(1));
        selected = new Set([...selected].filter((h) => keep.has(h)));
      }
      for (const t of terms.filter((t) => t.startsWith('!'))) {
        const drop = single(t.slice(1));
        selected = new Set([...selected].filter((h) => !drop.has(h)));
      }
      return order.filter((h) => selected.has(h));
    },
    groupNames(host) {
      return [...groups.keys()]
        .filter((g) => g !== 'all' && g !== 'ungrouped' && membersOf(g).has(host))
        .sort();
    },
  };
}

/** Splits a host pattern on `:` and `,` except inside `[...]` (so `web[0:2]` stays one term). */
function splitPattern(pattern: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let term = '';
  for (const c of pattern) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if ((c === ':' || c === ',') && depth === 0) {
      if (term.trim()) terms.push(term.trim());
      term = '';
    } else term += c;
  }
  if (term.trim()) terms.push(term.trim());
  return terms;
}
