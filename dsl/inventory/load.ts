import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DslIssue } from '../issues.js';
import type { HashBehaviour } from '../vars/combine.js';
import { loadYamlFile } from '../yaml/load.js';
import { InventoryBuilder } from './build.js';
import { playbookPython } from './controller-python.js';
import { parseIniInventory } from './ini.js';
import type { Inventory } from './types.js';
import { readYamlInventory } from './yaml-inventory.js';

/** Ansible's implicit localhost's variables: the local connection and the controller's own Python. */
function implicitLocalhostVars(): Record<string, unknown> {
  return { ansible_connection: 'local', ansible_python_interpreter: playbookPython() };
}

/** Ansible's address of the implicit localhost (its `ansible_host`, and the `<127.0.0.1>` of -vvv lines). */
const IMPLICIT_LOCALHOST_ADDRESS = '127.0.0.1';

/** The inventory Spindle uses when none is given: localhost over the local connection. */
function implicitLocalhost(builder: InventoryBuilder): void {
  builder.addHost('localhost', 'ungrouped', implicitLocalhostVars()).address = IMPLICIT_LOCALHOST_ADDRESS;
}

function loadFile(path: string, builder: InventoryBuilder): DslIssue[] {
  const text = readFileSync(path, 'utf8');
  if (
    /\.(ya?ml|json)$/.test(path) ||
    /^\s*(all|[\w-]+)\s*:\s*$/m.test(
      text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '',
    )
  ) {
    const loaded = loadYamlFile(path, text);
    return [...loaded.issues, ...readYamlInventory(loaded, builder)];
  }
  return parseIniInventory(text, path, builder);
}

/**
 * Loads inventories like `ansible-playbook -i`: files (INI or YAML), directories of them, and `h1,h2,` lists.
 * With no sources, the inventory is `localhost` with the local connection.
 */
export function loadInventory(
  sources: string[],
  options: { cwd?: string; hashBehaviour?: HashBehaviour } = {},
): { inventory: Inventory; issues: DslIssue[] } {
  const builder = new InventoryBuilder(options.hashBehaviour);
  const issues: DslIssue[] = [];
  const cwd = options.cwd ?? process.cwd();
  if (sources.length === 0) implicitLocalhost(builder);
  for (const source of sources) {
    const path = resolve(cwd, source);
    if (source.includes(',') && !existsSync(path)) {
      for (const host of source
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)) {
        const [name, port] = host.split(/:(?=\d+$)/);
        builder.addHost(name, 'ungrouped', port ? { ansible_port: Number(port) } : {});
      }
      continue;
    }
    if (!existsSync(path)) {
      // Ansible warns and goes on (with the implicit localhost when no source parses).
      issues.push({
        code: 'inventory-missing',
        severity: 'warning',
        message: `Unable to parse ${path} as an inventory source`,
      });
      continue;
    }
    if (statSync(path).isDirectory()) {
      builder.varsDirs.push(path);
      for (const entry of readdirSync(path).sort()) {
        const file = join(path, entry);
        if (
          entry.startsWith('.') ||
          entry.endsWith('~') ||
          ['host_vars', 'group_vars'].includes(entry) ||
          statSync(file).isDirectory()
        )
          continue;
        issues.push(...loadFile(file, builder));
      }
    } else {
      builder.varsDirs.push(dirname(path));
      issues.push(...loadFile(path, builder));
    }
  }
  const missing = issues.filter((i) => i.code === 'inventory-missing').length;
  if (sources.length > 0 && missing === sources.length)
    issues.push({
      code: 'inventory-missing',
      severity: 'warning',
      message: 'No inventory was parsed, only implicit localhost is available',
    });
  const inventory = builder.build();
  if (!inventory.hosts.has('localhost')) {
    const select = inventory.selectHosts.bind(inventory);
    inventory.selectHosts = (pattern) => {
      const found = select(pattern);
      if (found.length === 0 && pattern.split(/[:,]/).includes('localhost')) {
        inventory.hosts.set('localhost', {
          name: 'localhost',
          vars: implicitLocalhostVars(),
          groups: ['ungrouped'],
          address: IMPLICIT_LOCALHOST_ADDRESS,
        });
        return ['localhost'];
      }
      return found;
    };
  }
  return { inventory, issues };
}
