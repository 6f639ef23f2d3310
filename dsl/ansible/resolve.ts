import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AnsibleModuleSource, ResolvedModule } from '../../modules/registry.js';
import { knownAnsibleModule } from './known-names.js';
import { type AnsibleSearchPaths, ansibleSearchPaths } from './search-paths.js';

/** An Ansible module a task names: where its Python source is on the controller, if anywhere. */
export type AnsibleModuleRef = AnsibleModuleSource;

const runtimeCache = new Map<string, Record<string, { redirect?: string; tombstone?: unknown }>>();

/** `plugin_routing.modules` of a runtime.yml (cached; empty when missing or unreadable). */
function moduleRouting(file: string): Record<string, { redirect?: string; tombstone?: unknown }> {
  let routing = runtimeCache.get(file);
  if (!routing) {
    try {
      const doc = parse(readFileSync(file, 'utf8')) as { plugin_routing?: { modules?: object } };
      routing = (doc?.plugin_routing?.modules ?? {}) as Record<string, { redirect?: string }>;
    } catch {
      routing = {};
    }
    runtimeCache.set(file, routing!);
  }
  return routing!;
}

function findCollection(paths: AnsibleSearchPaths, ns: string, coll: string): string | undefined {
  return paths.collectionRoots.find((root) => existsSync(join(root, 'ansible_collections', ns, coll)));
}

/** Folders of imported playbooks (`import_playbook`): their `library/` serves every later task, as Ansible's. */
const importedPlaybookDirs: string[] = [];

/** Adds an imported playbook's folder: Ansible adds its plugin folders (`library/`) for the rest of the run. */
export function addImportedPlaybookDir(dir: string): void {
  if (!importedPlaybookDirs.includes(dir)) importedPlaybookDirs.push(dir);
}

/**
 * `library/` folders a task sees: its role's, the playbook's, those beside imported playbooks, then every role's
 * beside the playbook.
 */
function libraryDirs(playbookDir: string, roleDir?: string): string[] {
  const dirs = roleDir ? [join(roleDir, 'library')] : [];
  dirs.push(join(playbookDir, 'library'));
  for (const dir of importedPlaybookDirs) dirs.push(join(dir, 'library'));
  try {
    for (const role of readdirSync(join(playbookDir, 'roles')))
      dirs.push(join(playbookDir, 'roles', role, 'library'));
  } catch {}
  return dirs;
}

function resolveFqcn(paths: AnsibleSearchPaths, fqcn: string, depth: number): AnsibleModuleRef | undefined {
  if (depth > 5) return undefined;
  const [ns, coll, ...rest] = fqcn.split('.');
  const name = rest.join('.');
  const collection = `${ns}.${coll}`;
  if (collection === 'ansible.builtin') {
    if (!paths.core) return undefined;
    const file = join(paths.core, 'ansible', 'modules', `${name}.py`);
    if (existsSync(file)) return { fqcn, source: file, collection, moduleUtilsDirs: [] };
    const redirect = moduleRouting(join(paths.core, 'ansible', 'config', 'ansible_builtin_runtime.yml'))[name]
      ?.redirect;
    return redirect ? resolveFqcn(paths, redirect, depth + 1) : undefined;
  }
  const root = findCollection(paths, ns, coll);
  if (!root) return undefined;
  const dir = join(root, 'ansible_collections', ns, coll);
  const redirect = moduleRouting(join(dir, 'meta', 'runtime.yml'))[name]?.redirect;
  if (redirect && redirect !== fqcn) return resolveFqcn(paths, redirect, depth + 1);
  const file = join(dir, 'plugins', 'modules', `${name}.py`);
  if (!existsSync(file)) return undefined;
  return { fqcn, source: file, collection, moduleUtilsDirs: [], collectionRoot: root };
}

const cache = new Map<string, AnsibleModuleRef | null>();

/**
 * Resolves a module name as Ansible would on this controller: a bare name in a `library/` folder (with its
 * sibling `module_utils/`), then ansible-core and its redirects (`ini_file` → community.general.ini_file), then
 * a collection's module (following its meta/runtime.yml redirects). A real Ansible module that is not installed
 * here resolves without `source`; a name Ansible does not know resolves to undefined.
 */
export function resolveAnsibleModule(
  written: string,
  playbookDir: string,
  roleDir?: string,
): AnsibleModuleRef | undefined {
  const env = process.env;
  const setting = [env.ANSIBLE_CONFIG, env.ANSIBLE_COLLECTIONS_PATH, env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH];
  const key = [written, playbookDir, roleDir, process.cwd(), ...setting, ...importedPlaybookDirs].join('\0');
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookUp(written, playbookDir, roleDir, key);
  cache.set(key, found ?? null);
  return found;
}

const pathsCache = new Map<string, AnsibleSearchPaths>();

function lookUp(
  written: string,
  playbookDir: string,
  roleDir: string | undefined,
  key: string,
): AnsibleModuleRef | undefined {
  const bare = written.replace(/^ansible\.legacy\./, '');
  if (!bare.includes('.')) {
    for (const dir of libraryDirs(playbookDir, roleDir)) {
      const file = join(dir, `${bare}.py`);
      if (existsSync(file))
        return {
          fqcn: bare,
          source: file,
          collection: 'library',
          moduleUtilsDirs: [join(dir, '..', 'module_utils')],
        };
    }
  }
  const fqcn = bare.includes('.') ? bare : `ansible.builtin.${bare}`;
  const pathsKey = `${playbookDir}\0${key.split('\0').slice(3).join('\0')}`;
  const paths = pathsCache.get(pathsKey) ?? ansibleSearchPaths(playbookDir);
  pathsCache.set(pathsKey, paths);
  const found = resolveFqcn(paths, fqcn, 0);
  if (found) return found;
  const known = knownAnsibleModule(written);
  if (!known) return undefined;
  return { fqcn: known, collection: known.split('.').slice(0, 2).join('.'), moduleUtilsDirs: [] };
}

/** An Ansible module as the compiler's resolution: kind `ansible`, run on the host through Python. */
export function resolvedAnsible(
  written: string,
  playbookDir: string,
  roleDir?: string,
): ResolvedModule | undefined {
  const ref = resolveAnsibleModule(written, playbookDir, roleDir);
  return ref
    ? { name: ref.fqcn, kind: 'ansible', runsOn: 'remote', file: ref.source ?? '', ansible: ref }
    : undefined;
}
