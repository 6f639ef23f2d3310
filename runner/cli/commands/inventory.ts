import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DslError,
  hostInventoryLayers,
  type Inventory,
  isVaulted,
  loadInventory,
  mergeLayers,
  type VaultSecrets,
  varsFrom,
} from '../../../dsl/index.js';
import { pythonJson } from '../../report/python-json.js';
import { OptionError } from '../cli-errors.js';
import type { CliIo } from '../cli-io.js';
import type { FlagSpec } from '../flags.js';
import { parseArgs } from '../parse-args.js';
import { resolveSettings } from '../settings.js';
import { loadVaultSecrets } from '../vault-secrets.js';
import { pythonStr } from './python-repr.js';
import type { ToolInput } from './tool.js';
import { HELP_FLAG, sharedFlags, toolHelp, VAULT_FLAG_KEYS } from './tool-flags.js';

const FLAGS: FlagSpec[] = [
  ...sharedFlags('inventory'),
  { key: 'list', long: 'list', kind: 'boolean', help: 'every group and host, with host variables (JSON)' },
  { key: 'host', long: 'host', kind: 'value', meta: 'HOST', help: "one host's variables (JSON)" },
  {
    key: 'graph',
    long: 'graph',
    kind: 'boolean',
    help: 'the group tree, from `all` or from the GROUP argument',
  },
  { key: 'vars', long: 'vars', kind: 'boolean', help: 'with --graph: show the variables too' },
  { key: 'output', long: 'output', kind: 'value', meta: 'FILE', help: 'write to FILE instead of stdout' },
  ...sharedFlags(...VAULT_FLAG_KEYS),
  HELP_FLAG,
];

const USAGE = [
  'play inventory [-i INVENTORY] --list',
  'play inventory --host HOST',
  'play inventory --graph [--vars] [GROUP]',
];

/** Variables ansible-inventory never shows (magic and run-wide ones). */
const INTERNAL = new Set([
  'ansible_diff_mode',
  'ansible_config_file',
  'ansible_facts',
  'ansible_forks',
  'ansible_inventory_sources',
  'ansible_limit',
  'ansible_playbook_python',
  'ansible_run_tags',
  'ansible_skip_tags',
  'ansible_verbosity',
  'ansible_version',
  'inventory_dir',
  'inventory_file',
  'inventory_hostname',
  'inventory_hostname_short',
  'groups',
  'group_names',
  'omit',
  'playbook_dir',
]);

/**
 * `play inventory`, like `ansible-inventory`: `--list` and `--host` print the same JSON byte for byte (keys
 * sorted, 4-space indent), `--graph` the same tree; variables come from the inventory, group_vars/ and host_vars/.
 */
export async function runTool(input: ToolInput, io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(input.argv, FLAGS);
  if (options.help) {
    io.stdout.write(toolHelp(USAGE, FLAGS));
    return 0;
  }
  const chosen = ['list', 'host', 'graph'].filter((k) => options[k] !== undefined);
  if (chosen.length !== 1)
    throw new OptionError(
      'play inventory',
      chosen.length === 0
        ? 'No action selected, at least one of --host, --graph or --list needs to be specified.'
        : 'Conflicting options used, only one of --host, --graph or --list can be used at the same time.',
    );
  if (positionals.length > (options.graph ? 1 : 0))
    throw new OptionError('play inventory', `unexpected argument ${JSON.stringify(positionals.at(-1))}`);
  const settings = resolveSettings(options, io.env, input.config, io.cwd);
  const vault = await loadVaultSecrets(settings.vault, io);
  const loaded = loadInventory(settings.inventory, { cwd: io.cwd });
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new DslError(errors);
  for (const issue of loaded.issues) io.stderr.write(`[WARNING]: ${issue.message}\n`);
  const inventory = loaded.inventory;
  const hostVars = (host: string) =>
    visible(mergeLayers(hostInventoryLayers(inventory, host, undefined, vault)));
  let text: string;
  if (options.list) text = pythonJson(listInventory(inventory, hostVars), 4);
  else if (options.host !== undefined) {
    const hosts = inventory.selectHosts(options.host as string);
    if (hosts.length !== 1)
      throw new OptionError('--host', 'You must pass a single valid host to --host parameter');
    text = pythonJson(hostVars(hosts[0]), 4);
  } else {
    const start = positionals[0] ?? 'all';
    if (!inventory.groups.has(start))
      throw new OptionError('--graph', 'Pattern must be valid group name when using --graph');
    const groupVars = (group: string) => visible(groupVariables(inventory, group, vault));
    text = graphGroup(inventory, start, 0, options.vars ? { hostVars, groupVars } : undefined).join('\n');
  }
  if (options.output !== undefined) writeFileSync(resolve(io.cwd, options.output as string), text);
  else io.stdout.write(`${text}\n`);
  return 0;
}

/** The `--list` structure: each non-empty group's hosts and children, `_meta.hostvars` for hosts with variables. */
export function listInventory(
  inventory: Inventory,
  hostVars: (host: string) => Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  const visit = (name: string) => {
    const group = inventory.groups.get(name);
    if (!group) return;
    const entry: Record<string, string[]> = {};
    if (name !== 'all' && group.hosts.length > 0) entry.hosts = [...group.hosts];
    if (group.children.length > 0) entry.children = [...group.children];
    out[name] = entry;
    for (const child of group.children) {
      if (seen.has(child)) continue;
      visit(child);
      seen.add(child);
    }
    if (Object.keys(entry).length === 0) delete out[name];
  };
  visit('all');
  const hostvars: Record<string, unknown> = {};
  for (const host of inventory.hosts.keys()) {
    const vars = hostVars(host);
    if (Object.keys(vars).length > 0) hostvars[host] = vars;
  }
  out._meta = { hostvars };
  return out;
}

function graphGroup(
  inventory: Inventory,
  name: string,
  depth: number,
  vars?: {
    hostVars(host: string): Record<string, unknown>;
    groupVars(group: string): Record<string, unknown>;
  },
): string[] {
  const line = (text: string, d: number) => (d ? `${'  |'.repeat(d)}--${text}` : text);
  const showVars = (values: Record<string, unknown>, d: number) =>
    Object.keys(values)
      .sort()
      .map((key) => line(`{${key} = ${pythonStr(values[key])}}`, d));
  const group = inventory.groups.get(name);
  const out = [line(`@${name}:`, depth)];
  for (const child of group?.children ?? []) out.push(...graphGroup(inventory, child, depth + 1, vars));
  if (name !== 'all')
    for (const host of group?.hosts ?? []) {
      out.push(line(host, depth + 1));
      if (vars) out.push(...showVars(vars.hostVars(host), depth + 2));
    }
  if (vars) out.push(...showVars(vars.groupVars(name), depth + 1));
  return out;
}

/** A group's own variables: the inventory's, then group_vars/ files next to the inventory. */
function groupVariables(inventory: Inventory, group: string, vault: VaultSecrets): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...inventory.groups.get(group)?.vars };
  for (const dir of inventory.varsDirs)
    for (const found of varsFrom(resolve(dir, 'group_vars'), group, vault)) Object.assign(merged, found.vars);
  return merged;
}

/** Drops internal variables and shows inline `!vault` values as ansible-inventory does. */
function visible(vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (INTERNAL.has(key)) continue;
    out[key] = vaultJson(value);
  }
  return out;
}

function vaultJson(value: unknown): unknown {
  if (isVaulted(value)) return { __ansible_vault: value.__vault__ };
  if (Array.isArray(value)) return value.map(vaultJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, vaultJson(v)]));
  return value;
}
