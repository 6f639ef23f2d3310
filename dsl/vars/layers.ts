import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Inventory } from '../inventory/types.js';
import { decryptVaultText, isVaultText, type VaultSecrets } from '../vault/index.js';
import { loadYamlFile } from '../yaml/load.js';
import { combineVars, type HashBehaviour } from './combine.js';

/** Ansible's variable precedence levels that Spindle implements, lowest first. */
export const LAYER_ORDER = [
  'role_defaults',
  'inventory_group',
  'inventory_host',
  'host_facts',
  'play_vars',
  'vars_files',
  'role_vars',
  'block_vars',
  'task_vars',
  'include_vars',
  'set_fact',
  'registered',
  'role_params',
  'extra_vars',
] as const;

/** The name of one precedence level. */
export type VarLayerName = (typeof LAYER_ORDER)[number];

/** Variables from one source at one precedence level. */
export interface VarLayer {
  name: VarLayerName;
  /** Where they came from: a file, `group all`, `-e`, a task's file:line … */
  source: string;
  vars: Record<string, unknown>;
  /** The source was a vault-encrypted file: its values are secrets (`--explain-var` shows `<vaulted>`). */
  encrypted?: boolean;
}

/**
 * The value of a vars file (group_vars, host_vars, include_vars): YAML or JSON, decrypted first when the whole
 * file is vault-encrypted (a VaultError naming the file when it cannot be); inline `!vault` values stay encrypted.
 */
export function readVarsValue(path: string, vault?: VaultSecrets): unknown {
  return readVars(path, vault).value;
}

function readVars(path: string, vault?: VaultSecrets): { value: unknown; encrypted: boolean } {
  let text = readFileSync(path, 'utf8');
  const encrypted = isVaultText(text);
  if (encrypted) text = decryptVaultText(text, vault, path).toString('utf8');
  if (path.endsWith('.json')) return { value: JSON.parse(text), encrypted };
  const loaded = loadYamlFile(path, text);
  return { value: loaded.value === undefined ? parse(text, { version: '1.1' }) : loaded.value, encrypted };
}

/** A vars file's variables: its mapping, or none when it holds something else. */
export function readVarsFile(path: string, vault?: VaultSecrets): Record<string, unknown> {
  return asMapping(readVarsValue(path, vault));
}

function asMapping(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

type FoundVars = { source: string; vars: Record<string, unknown>; encrypted?: boolean };

/** Reads `dir/NAME`, `NAME.yml|yaml|json` and every file in a `dir/NAME/` folder (`play inventory` shows group vars). */
export function varsFrom(dir: string, name: string, vault?: VaultSecrets): FoundVars[] {
  const out: FoundVars[] = [];
  const read = (source: string): FoundVars => {
    const { value, encrypted } = readVars(source, vault);
    return { source, vars: asMapping(value), ...(encrypted ? { encrypted } : {}) };
  };
  for (const candidate of [name, `${name}.yml`, `${name}.yaml`, `${name}.json`]) {
    const path = join(dir, candidate);
    if (existsSync(path) && statSync(path).isFile()) out.push(read(path));
  }
  const folder = join(dir, name);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    for (const entry of readdirSync(folder).sort()) {
      if (/\.(ya?ml|json)$/.test(entry)) out.push(read(join(folder, entry)));
    }
  }
  return out;
}

function groupDepth(inventory: Inventory, group: string, seen = new Set<string>()): number {
  if (group === 'all' || seen.has(group)) return 0;
  seen.add(group);
  let depth = 1;
  for (const parent of inventory.groups.values()) {
    if (parent.children.includes(group))
      depth = Math.max(depth, groupDepth(inventory, parent.name, seen) + 1);
  }
  return depth;
}

/**
 * A host's inventory variables as layers, lowest first, in Ansible's default `precedence` order: the `all`
 * group's inventory vars, the other groups' (by depth, then name), `group_vars/all` next to the inventory then
 * next to the playbook, the other groups' `group_vars/` files (next to the inventory, then next to the
 * playbook), then host vars from the inventory, `host_vars/` next to the inventory, then next to the playbook.
 */
export function hostInventoryLayers(
  inventory: Inventory,
  host: string,
  playbookDir?: string,
  vault?: VaultSecrets,
): VarLayer[] {
  const groups = inventory
    .groupNames(host)
    .filter((g) => g !== 'all')
    .sort((a, b) => groupDepth(inventory, a) - groupDepth(inventory, b) || a.localeCompare(b));
  const inventoryDirs = inventory.varsDirs.map((d) => resolve(d));
  const playDirs = playbookDir ? [resolve(playbookDir)].filter((d) => !inventoryDirs.includes(d)) : [];
  const layers: VarLayer[] = [];
  const inventoryVars = (group: string) => {
    const vars = inventory.groups.get(group)?.vars;
    if (vars && Object.keys(vars).length > 0)
      layers.push({ name: 'inventory_group', source: `inventory group ${group}`, vars });
  };
  const files = (dirs: string[], folder: string, names: string[], name: VarLayerName) => {
    for (const dir of dirs)
      for (const entity of names)
        for (const found of varsFrom(join(dir, folder), entity, vault)) layers.push({ name, ...found });
  };
  inventoryVars('all');
  for (const group of groups) inventoryVars(group);
  files(inventoryDirs, 'group_vars', ['all'], 'inventory_group');
  files(playDirs, 'group_vars', ['all'], 'inventory_group');
  files(inventoryDirs, 'group_vars', groups, 'inventory_group');
  files(playDirs, 'group_vars', groups, 'inventory_group');
  const hostVars = inventory.hosts.get(host)?.vars;
  if (hostVars && Object.keys(hostVars).length > 0)
    layers.push({ name: 'inventory_host', source: `inventory host ${host}`, vars: hostVars });
  files(inventoryDirs, 'host_vars', [host], 'inventory_host');
  files(playDirs, 'host_vars', [host], 'inventory_host');
  return layers;
}

/** Merges layers in precedence order (stable within a level); later wins, whole values replace (hash_behaviour=replace). */
export function mergeLayers(layers: VarLayer[], behaviour?: HashBehaviour): Record<string, unknown> {
  const ordered = [...layers].sort((a, b) => LAYER_ORDER.indexOf(a.name) - LAYER_ORDER.indexOf(b.name));
  return combineVars(behaviour, ...ordered.map((l) => l.vars));
}

/** For `play --explain-var`: every layer that sets `name`, lowest first, and which one wins. */
export function explainVariable(
  name: string,
  layers: VarLayer[],
): Array<{ layer: VarLayerName; source: string; value: unknown; wins: boolean; encrypted: boolean }> {
  const ordered = [...layers]
    .sort((a, b) => LAYER_ORDER.indexOf(a.name) - LAYER_ORDER.indexOf(b.name))
    .filter((l) => name in l.vars);
  return ordered.map((l, i) => ({
    layer: l.name,
    source: l.source,
    value: l.vars[name],
    encrypted: l.encrypted === true,
    wins: i === ordered.length - 1,
  }));
}
