import { InventoryBuilder } from '../../inventory/build.js';
import { isDict } from '../python-values.js';
import { LookupFailure, type LookupPlugin } from './context.js';

/** Python's type name of a value, for the "is not a string, its a <class '…'>" errors. */
function pythonClass(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  return 'str';
}

function pythonStr(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

/** `vars`: the values of variables named by the terms (then the host's `hostvars`), `default=` for missing ones. */
export const vars: LookupPlugin = (terms, kwargs, ctx) =>
  terms.map((term) => {
    if (typeof term !== 'string')
      throw new LookupFailure(
        `Invalid setting identifier, "${pythonStr(term)}" is not a string, its a <class '${pythonClass(term)}'>`,
      );
    let value = term in ctx.vars ? ctx.vars[term] : undefined;
    if (value === undefined) {
      const hostvars = ctx.vars.hostvars;
      const host = ctx.vars.inventory_hostname;
      const own = isDict(hostvars) && typeof host === 'string' ? hostvars[host] : undefined;
      if (isDict(own) && term in own) value = own[term];
    }
    if (value !== undefined) return value;
    if (kwargs.default !== undefined && kwargs.default !== null) return kwargs.default;
    throw new LookupFailure(`No variable found with this name: ${term}`, 'AnsibleUndefinedVariable');
  });

/** Python's message for a pattern JavaScript refuses (`nothing to repeat` …), from the engine's own words. */
function regexProblem(error: Error): string {
  const reason = error.message.split(': ').pop() ?? error.message;
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** `varnames`: names of the variables matching any of the regular expressions (Python `re.search`). */
export const varnames: LookupPlugin = (terms, _kwargs, ctx) => {
  // A render's variables inherit from the task's scope: every enumerable name along the chain, in order.
  const names: string[] = [];
  for (const name in ctx.vars) names.push(name);
  const out: string[] = [];
  for (const term of terms) {
    if (typeof term !== 'string')
      throw new LookupFailure(
        `Invalid setting identifier, "${pythonStr(term)}" is not a string, it is a <class '${pythonClass(term)}'>`,
      );
    let pattern: RegExp;
    try {
      pattern = new RegExp(term);
    } catch (error) {
      throw new LookupFailure(
        `Unable to use "${term}" as a search parameter: ${regexProblem(error as Error)}`,
      );
    }
    out.push(...names.filter((name) => pattern.test(name)));
  }
  return out;
};

/** `inventory_hostnames`: the hosts a pattern (`web:&prod`, `all:!db`, `t?s?03`) selects, in inventory order. */
export const inventoryHostnames: LookupPlugin = (terms, _kwargs, ctx) => {
  const groups = isDict(ctx.vars.groups) ? ctx.vars.groups : {};
  const builder = new InventoryBuilder();
  const all = Array.isArray(groups.all) ? groups.all.map(String) : [];
  for (const host of all) builder.addHost(host, 'all');
  for (const [group, hosts] of Object.entries(groups)) {
    if (group === 'all') continue;
    builder.group(group);
    if (Array.isArray(hosts)) for (const host of hosts) builder.addHost(String(host), group);
  }
  const inventory = builder.build();
  return inventory.selectHosts(terms.map(String).join(','));
};

/**
 * `url`: Spindle fetches nothing over the network while templating (the DSL layer is pure); the lookup is
 * known so playbooks load, and fails when it runs.
 */
export const url: LookupPlugin = (terms) => {
  throw new LookupFailure(
    `Failed lookup url for ${terms.map(String).join(', ')} : Spindle does not fetch URLs in lookups (use the uri or get_url module)`,
  );
};
