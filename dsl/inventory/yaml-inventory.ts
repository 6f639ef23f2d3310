import type { DslIssue } from '../issues.js';
import { combineVars } from '../vars/combine.js';
import { childPath, type LoadedYaml, positionOf } from '../yaml/load.js';
import type { InventoryBuilder } from './build.js';
import { expandHostRange } from './ini.js';

const GROUP_KEYS = new Set(['hosts', 'children', 'vars']);

/** Reads a YAML inventory (`all: {hosts, children, vars}` shape) into the builder. */
export function readYamlInventory(loaded: LoadedYaml, builder: InventoryBuilder): DslIssue[] {
  const issues: DslIssue[] = [];
  const issue = (path: string, message: string) => {
    const pos = positionOf(loaded, path);
    issues.push({
      code: 'inventory-structure',
      severity: 'error',
      message,
      file: loaded.file,
      line: pos?.line,
      column: pos?.column,
      path,
    });
  };
  const walkGroup = (name: string, body: unknown, path: string) => {
    const group = builder.group(name);
    if (body === null || body === undefined) return;
    if (typeof body !== 'object' || Array.isArray(body))
      return issue(path, `Expected group \`${name}\` to be a mapping of hosts/children/vars`);
    for (const [key, value] of Object.entries(body)) {
      const keyPath = childPath(path, key);
      if (!GROUP_KEYS.has(key)) {
        issue(keyPath, `unknown key \`${key}\` in group \`${name}\` (expected hosts, children or vars)`);
        continue;
      }
      if (value === null) continue;
      if (key === 'vars')
        group.vars = combineVars(builder.hashBehaviour, group.vars, value as Record<string, unknown>);
      else if (key === 'hosts') {
        if (typeof value !== 'object' || Array.isArray(value)) {
          issue(keyPath, `Expected \`hosts\` of group \`${name}\` to be a mapping of host names`);
          continue;
        }
        for (const [pattern, vars] of Object.entries(value as Record<string, unknown>)) {
          try {
            for (const host of expandHostRange(pattern))
              builder.addHost(host, name, (vars as Record<string, unknown>) ?? {});
          } catch (error) {
            issue(childPath(keyPath, pattern), (error as Error).message);
          }
        }
      } else {
        for (const [child, childBody] of Object.entries(value as Record<string, unknown>)) {
          if (!group.children.includes(child)) group.children.push(child);
          walkGroup(child, childBody, childPath(keyPath, child));
        }
      }
    }
  };
  const root = loaded.value;
  if (root === null || root === undefined) return issues;
  if (typeof root !== 'object' || Array.isArray(root)) {
    issue('', 'Expected a YAML inventory to be a mapping of groups (e.g. `all:`)');
    return issues;
  }
  for (const [name, body] of Object.entries(root)) walkGroup(name, body, name);
  return issues;
}
