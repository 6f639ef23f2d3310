import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { GraphNode } from '../graph.js';
import type { DslIssue } from '../issues.js';
import { loadYamlFile, positionOf } from '../yaml/load.js';
import type { CompileContext, Inherited, Source } from './compile-context.js';
import { compileTaskList } from './compile-tasks.js';

/** A role's parts, compiled: its task list (main or `tasks_from`), handlers, defaults and vars. */
export interface CompiledRole {
  path: string;
  tasks: GraphNode[];
  handlers: GraphNode[];
  defaults: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** `meta/main.yml` `dependencies:` as written (role names or `{role, ...params}` entries). */
  dependencies: unknown[];
  /** `meta/main.yml` `allow_duplicates:`: the role may run more than once with the same parameters. */
  allowDuplicates: boolean;
}

/** The files of a role an include_role/import_role names instead of `main` (its `tasks_from`, `vars_from` …). */
export interface RoleFrom {
  /** `tasks_from`: the tasks file instead of `tasks/main.yml`. */
  tasksFrom?: string;
  /** `handlers_from`: the handlers file instead of `handlers/main.yml`. */
  handlersFrom?: string;
  /** `vars_from`: the vars file instead of `vars/main.yml`. */
  varsFrom?: string;
  /** `defaults_from`: the defaults file instead of `defaults/main.yml`. */
  defaultsFrom?: string;
}

/** Where roles are looked for, besides `roles/` next to the playbook and next to the including file. */
export interface RoleSearch extends RoleFrom {
  /** ansible.cfg `roles_path`. */
  rolesPath?: string[];
}

/** Finds a role and compiles it; a missing role is an issue at `at` (file:line:col of the reference). */
export function compileRole(
  ctx: CompileContext,
  name: string,
  from: Source,
  at: string,
  inherited: Inherited,
  search: RoleSearch = {},
): CompiledRole {
  const searched = [
    join(ctx.playbookDir, 'roles', name),
    ...(search.rolesPath ?? []).map((p) => resolve(p, name)),
    join(from.baseDir, 'roles', name),
    // Ansible's last resort: the playbook's own folder, without `roles/`
    join(ctx.playbookDir, name),
  ];
  const path = searched.find((p) => existsSync(p));
  if (!path) {
    const pos = positionOf(from.loaded, at);
    ctx.issues.push({
      code: 'missing-role',
      severity: 'error',
      message: `role \`${name}\` not found (searched ${searched.join(', ')})`,
      file: from.loaded.file,
      line: pos?.line,
      column: pos?.column,
      path: at,
    });
    return {
      path: '',
      tasks: [],
      handlers: [],
      defaults: {},
      vars: {},
      dependencies: [],
      allowDuplicates: false,
    };
  }
  const find = (dir: string, base = 'main') =>
    [base, `${base}.yml`, `${base}.yaml`]
      .map((f) => join(path, dir, f))
      .find((f) => existsSync(f) && !f.endsWith(`/${dir}/main`));
  const role = { name, path };
  /** A file named by `*_from` outside its folder, or missing there: an issue, and no file. */
  const namedFile = (dir: string, base: string): string | undefined => {
    const outside = fileOutside(join(path, dir), base);
    if (outside) {
      ctx.issues.push({
        code: 'outside-role',
        severity: 'error',
        message: `Failed loading '${outside}' for role (${name}) as it is not inside the expected role path: '${join(path, dir)}'`,
        file: from.loaded.file,
        ...positionOf(from.loaded, at),
        path: at,
      });
      return undefined;
    }
    const file = find(dir, base);
    if (!file && base !== 'main')
      ctx.issues.push({
        code: 'missing-file',
        severity: 'error',
        message: `role \`${name}\`: ${dir}/${base} not found in ${path}`,
        file: from.loaded.file,
        ...positionOf(from.loaded, at),
        path: at,
      });
    return file;
  };
  const list = (dir: string, base?: string) => {
    const file = base ? namedFile(dir, base) : find(dir);
    if (!file) return [];
    const loaded = ctx.load(file);
    return compileTaskList(ctx, { loaded, baseDir: dirname(file), role }, loaded.value, '', inherited);
  };
  const mappingFile = (file: string): Record<string, unknown> => {
    const loaded = loadYamlFile(file, undefined, { vault: ctx.vault });
    const vaultIssues = loaded.issues.filter((i) => i.code === 'vault');
    ctx.issues.push(...vaultIssues);
    if (vaultIssues.length > 0) return {};
    if (!loaded.issues.some((i) => i.severity === 'error'))
      return (loaded.value as Record<string, unknown> | null) ?? {};
    return (parse(readFileSync(file, 'utf8'), { version: '1.1' }) as Record<string, unknown>) ?? {};
  };
  // `vars/main` and `defaults/main` may be folders: their files are merged in name order, as Ansible's.
  const mapping = (dir: string, base?: string) => {
    const folder = join(path, dir, base ?? 'main');
    if (dir !== 'meta' && existsSync(folder) && statSync(folder).isDirectory())
      return Object.assign({}, ...filesIn(folder).map(mappingFile)) as Record<string, unknown>;
    const file = base ? namedFile(dir, base) : find(dir);
    return file ? mappingFile(file) : {};
  };
  const meta = mapping('meta');
  return {
    path,
    dependencies: Array.isArray(meta.dependencies) ? meta.dependencies : [],
    allowDuplicates: meta.allow_duplicates === true || meta.allow_duplicates === 'yes',
    tasks: list('tasks', search.tasksFrom),
    handlers: list('handlers', search.handlersFrom),
    defaults: mapping('defaults', search.defaultsFrom),
    vars: mapping('vars', search.varsFrom),
  };
}

/** A compile context for what compiles while the play runs (include_tasks, include_role, templated actions): ids under a prefix. */
export function runTimeContext(
  playbookDir: string,
  idPrefix: string,
  issues: DslIssue[],
  rolesPath?: string[],
): CompileContext {
  let counter = 0;
  const ctx: CompileContext = {
    issues,
    playbookDir,
    importedHandlers: [],
    importedRoles: [],
    dynamicParent: true,
    nextId: (prefix) => `${idPrefix}.${prefix}${counter++}`,
    load: (f) => {
      const loaded = loadYamlFile(f);
      issues.push(...loaded.issues);
      return loaded;
    },
    importRole: (name, from, at, inherited, files) =>
      compileRole(ctx, name, from, at, inherited, { rolesPath, ...files }),
  };
  return ctx;
}

/** The variable files of a `vars/main/` or `defaults/main/` folder, in name order, its subfolders' too. */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) return filesIn(full);
      return /^[^.]([^.]*|.*\.(ya?ml|json))$/.test(entry.name) ? [full] : [];
    });
}

/** A `tasks_from` file that exists but lies outside the role's folder (`../x.yml`, an absolute path), if any. */
function fileOutside(folder: string, base: string): string | undefined {
  const found = [base, `${base}.yml`, `${base}.yaml`]
    .map((f) => resolve(folder, f))
    .find((f) => existsSync(f) && statSync(f).isFile());
  return found && relative(folder, found).startsWith('..') ? found : undefined;
}
