import type { Inventory } from '../../dsl/inventory/index.js';
import { explainVariable, hostInventoryLayers, type VarLayer } from '../../dsl/vars/index.js';
import { isVaulted, VAULTED_PLACEHOLDER, type VaultSecrets } from '../../dsl/vault/index.js';
import { pythonJson } from '../report/python-json.js';
import { OptionError } from './cli-errors.js';

/**
 * `play --explain-var NAME HOST`: every place that sets the variable for the host (inventory groups and host,
 * group_vars/host_vars folders, `-e`), lowest precedence first, with the winner marked. Vaulted values (inline
 * `!vault`, or anything from an encrypted file) show as `<vaulted>`.
 */
export function explainText(
  name: string,
  host: string,
  inventory: Inventory,
  extraVars: Record<string, unknown>,
  playbookDir: string,
  vault?: VaultSecrets,
): string {
  if (!inventory.hosts.has(host)) {
    throw new OptionError(
      '--explain-var',
      `host ${JSON.stringify(host)} is not in the inventory (known: ${[...inventory.hosts.keys()].slice(0, 10).join(', ')})`,
    );
  }
  const layers: VarLayer[] = [
    ...hostInventoryLayers(inventory, host, playbookDir, vault),
    { name: 'extra_vars', source: '--extra-vars', vars: extraVars },
  ];
  const rows = explainVariable(name, layers);
  if (rows.length === 0)
    return `${name} is not set for ${host} by the inventory, group_vars/host_vars or --extra-vars (play and role vars are not shown).\n`;
  const layerWidth = Math.max(...rows.map((r) => r.layer.length));
  const sourceWidth = Math.max(...rows.map((r) => r.source.length));
  const lines = rows.map(
    (r) =>
      `${r.wins ? '*' : ' '} ${r.layer.padEnd(layerWidth)}  ${r.source.padEnd(sourceWidth)}  ${r.encrypted ? VAULTED_PLACEHOLDER : pythonJson(hideVaulted(r.value))}`,
  );
  return `${name} for ${host}, lowest precedence first (* wins):\n${lines.join('\n')}\n`;
}

/** A value with every inline `!vault` value inside it replaced by `<vaulted>`. */
function hideVaulted(value: unknown): unknown {
  if (isVaulted(value)) return VAULTED_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(hideVaulted);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideVaulted(v)]));
  return value;
}
