import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnsibleModuleRef } from '../../dsl/ansible/resolve.js';
import { ansibleSearchPaths } from '../../dsl/ansible/search-paths.js';
import type { PythonPayload } from '../../modules/python/ansible-module.js';

/** Where a Python module name's source is: a file, and whether it is a package (`__init__.py`). */
interface Located {
  file?: string;
  isPackage: boolean;
}

/** Maps Python module names to files the way AnsiballZ does for the names a module may import. */
function locator(ref: AnsibleModuleRef, playbookDir: string): (name: string) => Located | undefined {
  const paths = ansibleSearchPaths(playbookDir);
  const asFile = (base: string): Located | undefined => {
    if (existsSync(`${base}.py`)) return { file: `${base}.py`, isPackage: false };
    if (existsSync(join(base, '__init__.py'))) return { file: join(base, '__init__.py'), isPackage: true };
    return undefined;
  };
  return (name) => {
    const parts = name.split('.');
    if (parts[0] === 'ansible') {
      if (parts.length === 1) return { isPackage: true };
      if (parts[1] !== 'module_utils') return undefined;
      for (const dir of ref.moduleUtilsDirs) {
        const local = parts.length > 2 ? asFile(join(dir, ...parts.slice(2))) : undefined;
        if (local) return local;
      }
      return paths.core ? asFile(join(paths.core, ...parts)) : undefined;
    }
    if (parts[0] === 'ansible_collections') {
      if (parts.length <= 3) return { isPackage: true };
      const root = paths.collectionRoots.find((r) => existsSync(join(r, ...parts.slice(0, 3))));
      if (!root) return undefined;
      return (
        asFile(join(root, ...parts)) ?? (existsSync(join(root, ...parts)) ? { isPackage: true } : undefined)
      );
    }
    return undefined;
  };
}

/** Names a Python source imports (absolute after resolving relative imports against `pkg`), with `from` names. */
export function importedNames(source: string, pkg: string): string[][] {
  const out: string[][] = [];
  const absolute = (written: string) => {
    const dots = /^\.*/.exec(written)![0].length;
    if (dots === 0) return written;
    const base = pkg.split('.').slice(0, pkg.split('.').length - (dots - 1));
    return [...base, ...(written.slice(dots) ? [written.slice(dots)] : [])].join('.');
  };
  for (const m of source.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
    const from = absolute(m[1]);
    const names = m[2]
      .replace(/[()\\]/g, ' ')
      .split(',')
      .map((n) => n.trim().split(/\s+/)[0])
      .filter((n) => n && n !== '*');
    out.push([from, ...names]);
  }
  for (const m of source.matchAll(/^[ \t]*import[ \t]+([\w. \t,]+)/gm))
    for (const item of m[1].split(',')) out.push([item.trim().split(/\s+/)[0]]);
  return out;
}

/**
 * Builds the payload of an Ansible module, like Ansible's recursive module_utils finder: the module's source
 * plus every `ansible.module_utils` / collection `module_utils` file it imports, transitively, with their
 * parent packages. Names that are not found (optional imports in `try:` blocks) are left out.
 */
export function buildPayload(ref: AnsibleModuleRef, playbookDir: string): PythonPayload {
  const main = readFileSync(ref.source!, 'utf8');
  const locate = locator(ref, playbookDir);
  const modules: Record<string, [string, boolean]> = {};
  const ownPackage = ref.collectionRoot
    ? `ansible_collections.${ref.collection}.plugins.modules`
    : ref.collection === 'ansible.builtin'
      ? 'ansible.modules'
      : '';
  const queue: Array<[string, string]> = [[main, ownPackage]];
  const add = (name: string): boolean => {
    if (name in modules) return true;
    const found = locate(name);
    if (!found) return false;
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) add(parts.slice(0, i).join('.'));
    const source = found.file ? readFileSync(found.file, 'utf8') : '';
    modules[name] = [source, found.isPackage];
    queue.push([source, found.isPackage ? name : parts.slice(0, -1).join('.')]);
    return true;
  };
  while (queue.length > 0) {
    const [source, pkg] = queue.pop()!;
    for (const [from, ...names] of importedNames(source, pkg)) {
      if (!/^ansible(_collections)?(\.|$)/.test(from)) continue;
      const parts = from.split('.');
      for (let n = parts.length; n > 0 && !add(parts.slice(0, n).join('.')); n--);
      for (const name of names) add(`${from}.${name}`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(modules).sort(([a], [b]) => (a < b ? -1 : 1)));
  const hash = createHash('sha256')
    .update(JSON.stringify([ref.fqcn, main, sorted]))
    .digest('hex');
  return { hash, name: ref.fqcn, main, modules: sorted };
}
