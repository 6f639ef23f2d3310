import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommonKeywords, GraphNode } from '../graph.js';
import { childPath, positionOf } from '../yaml/load.js';
import { commonKeywords, conditions, tagList } from './common-keywords.js';
import type { CompileContext, Inherited, Source } from './compile-context.js';
import { type CompiledRole, compileRole } from './compile-role.js';

/** The roles of a play's `roles:` list, compiled: their blocks, defaults by role name, handlers, public vars. */
export interface PlayRoles {
  nodes: GraphNode[];
  defaults: Record<string, Record<string, unknown>>;
  handlers: GraphNode[];
  /** Every listed role's defaults (with its dependencies'), merged: every task of the play sees them. */
  publicDefaults: Record<string, unknown>;
  /** Every listed role's vars (with its dependencies'), merged: public, as Ansible's `private_role_vars=false`. */
  publicVars: Record<string, unknown>;
  /** The names of the roles listed (`ansible_play_role_names`), in order, once per entry. */
  names: string[];
  /** The names of the roles pulled in as `meta/main.yml` dependencies (`ansible_dependent_role_names`), each once. */
  dependencyNames: string[];
}

/** Keys of a `roles:` entry that are keywords rather than role parameters. */
const ROLE_ENTRY_KEYWORDS = new Set([
  'role',
  'name',
  'tags',
  'when',
  'vars',
  'become',
  'become_user',
  'become_method',
  'environment',
  'delegate_to',
  'ignore_errors',
  'no_log',
  'any_errors_fatal',
  'become_flags',
  'check_mode',
  'diff',
  'run_once',
  'throttle',
  'ignore_unreachable',
  'remote_user',
  'connection',
  'delegate_facts',
  'collections',
  'module_defaults',
  'timeout',
  'debugger',
  'port',
]);

/** The keywords of a `roles:` entry that its tasks (and its dependencies') inherit: `become`, `no_log` … */
type EntryKeywords = Partial<
  Pick<
    CommonKeywords,
    | 'become'
    | 'ignoreErrors'
    | 'ignoreUnreachable'
    | 'noLog'
    | 'checkMode'
    | 'diff'
    | 'delegateTo'
    | 'runOnce'
    | 'throttle'
    | 'anyErrorsFatal'
    | 'remoteUser'
    | 'connection'
    | 'environment'
  >
>;

/** The inheritable keywords a `roles:` entry sets (none for a bare role name). */
function entryKeywords(
  ctx: CompileContext,
  site: EntrySite,
  entry: Record<string, unknown>,
  inherited: Inherited,
): EntryKeywords {
  const all = commonKeywords(ctx, site.from, entry, site.at, inherited);
  const picked: EntryKeywords = {
    become: all.become,
    ignoreErrors: all.ignoreErrors,
    ignoreUnreachable: all.ignoreUnreachable,
    noLog: all.noLog,
    checkMode: all.checkMode,
    diff: all.diff,
    delegateTo: all.delegateTo,
    runOnce: all.runOnce,
    throttle: all.throttle,
    anyErrorsFatal: all.anyErrorsFatal,
    remoteUser: all.remoteUser,
    connection: all.connection,
    environment: all.environment,
  };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
}

/** What a role passes to the dependencies it pulls in (Ansible's dep chain). */
interface ChainLink {
  defaults: Record<string, unknown>;
  /** The entry's `vars:` and the role's `vars/main.yml`. */
  vars: Record<string, unknown>;
  params: Record<string, unknown>;
  when: string[];
  tags: string[];
  keywords: EntryKeywords;
}

/** A role's variables as its parents see them: its dependencies' then its own (no dep chain, no params). */
interface RoleVariables {
  defaults: Record<string, unknown>;
  vars: Record<string, unknown>;
}

/** Where in the playbook a role entry is, and where roles are looked for from there. */
interface EntrySite {
  at: string;
  from: Source;
  depth: number;
  rolesPath?: string[];
}

/** Compiles role entries one by one into a shared PlayRoles (dependencies first, each a role instance). */
type ExpandEntry = (spec: unknown, site: EntrySite, chain: ChainLink[]) => RoleVariables;

/**
 * The `roles:` list: each role (after its `meta/main.yml` dependencies, depth-first) compiled into a block
 * carrying its variables as Ansible layers them — defaults (dependencies', then parents', then its own), vars
 * (parents', dependencies', the entry's `vars:`, its own) and parameters (any entry key that is not a keyword:
 * `- role: web, port: 81`, parents' first). Each block is a role instance that runs once per host and play
 * for each distinct parameters, `when`, `tags` and `vars` unless `allow_duplicates` (decided when it runs).
 */
export function compilePlayRoles(
  ctx: CompileContext,
  source: Source,
  list: unknown,
  path: string,
  inherited: Inherited,
  rolesPath?: string[],
): PlayRoles {
  const { roles, expand } = roleCompiler(ctx, inherited);
  (Array.isArray(list) ? list : []).forEach((spec, i) => {
    const got = expand(spec, { at: childPath(path, i), from: source, depth: 0, rolesPath }, []);
    Object.assign(roles.publicDefaults, got.defaults);
    Object.assign(roles.publicVars, got.vars);
  });
  return roles;
}

/**
 * The `meta/main.yml` dependencies of a role that `import_role`/`include_role` brings in, compiled as role
 * instances (run before the role, once per play like those of `roles:`); they see the role's vars and defaults.
 */
export function compileRoleDependencies(
  ctx: CompileContext,
  role: CompiledRole,
  from: Source,
  at: string,
  inherited: Inherited,
  roleVars: Record<string, unknown>,
): PlayRoles {
  const { roles, expand } = roleCompiler(ctx, inherited);
  const link: ChainLink = {
    defaults: role.defaults,
    vars: roleVars,
    params: {},
    when: [],
    tags: [],
    keywords: {},
  };
  const got = expandDependencies(ctx, role, { at, from, depth: 1 }, [link], expand);
  roles.publicDefaults = got.defaults;
  roles.publicVars = got.vars;
  return roles;
}

/** A role's dependencies, each expanded (with its own) in order; their variables merged, as the role sees them. */
function expandDependencies(
  ctx: CompileContext,
  role: CompiledRole,
  site: EntrySite,
  chain: ChainLink[],
  expand: ExpandEntry,
): RoleVariables {
  const fromDeps: RoleVariables = { defaults: {}, vars: {} };
  if (!role.path || site.depth >= 20) return fromDeps;
  const metaFile = ['main.yml', 'main.yaml', 'main']
    .map((f) => join(role.path, 'meta', f))
    .find((f) => existsSync(f));
  const metaSource = metaFile ? { loaded: ctx.load(metaFile), baseDir: role.path } : site.from;
  role.dependencies.forEach((dep, i) => {
    const got = expand(
      dep,
      {
        at: metaFile ? `dependencies.${i}` : site.at,
        from: metaSource,
        depth: site.depth + 1,
        rolesPath: [...(site.rolesPath ?? []), dirname(role.path)],
      },
      chain,
    );
    Object.assign(fromDeps.defaults, got.defaults);
    Object.assign(fromDeps.vars, got.vars);
  });
  return fromDeps;
}

/** The state and the entry expander shared by the entries of one `roles:` list (or one role's dependencies). */
function roleCompiler(ctx: CompileContext, inherited: Inherited): { roles: PlayRoles; expand: ExpandEntry } {
  const roles: PlayRoles = {
    nodes: [],
    defaults: {},
    handlers: [],
    publicDefaults: {},
    publicVars: {},
    names: [],
    dependencyNames: [],
  };
  const withHandlers = new Set<string>();
  const expand: ExpandEntry = (spec, site, chain) => {
    const entry: Record<string, unknown> =
      typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    const name = typeof spec === 'string' ? spec : String(entry.role ?? entry.name);
    // The entry's `tags` (and those of the roles that pulled it in) are its tasks' tags, for --tags/--skip-tags.
    const tags = [...new Set([...inherited.tags, ...chain.flatMap((c) => c.tags), ...tagList(entry.tags)])];
    const role = compileRole(
      ctx,
      name,
      site.from,
      site.at,
      { ...inherited, tags },
      { rolesPath: site.rolesPath },
    );
    const params = Object.fromEntries(Object.entries(entry).filter(([k]) => !ROLE_ENTRY_KEYWORDS.has(k)));
    if (chain.length === 0) roles.names.push(name);
    else if (!roles.dependencyNames.includes(name)) roles.dependencyNames.push(name);
    const entryVars =
      typeof entry.vars === 'object' && entry.vars !== null ? (entry.vars as Record<string, unknown>) : {};
    const link: ChainLink = {
      defaults: role.defaults,
      vars: { ...entryVars, ...role.vars },
      params,
      when: conditions(entry.when),
      tags: tagList(entry.tags),
      keywords: typeof spec === 'object' && spec !== null ? entryKeywords(ctx, site, entry, inherited) : {},
    };
    const fromDeps = expandDependencies(ctx, role, site, [...chain, link], expand);
    const own: RoleVariables = {
      defaults: { ...fromDeps.defaults, ...role.defaults },
      vars: { ...fromDeps.vars, ...link.vars },
    };
    // Ansible's role cache key: the same role with the same parameters, when, tags and vars is one instance.
    const key = JSON.stringify([role.path || name, params, link.when, link.tags, entryVars, false]);
    const defaults = Object.assign({}, fromDeps.defaults, ...chain.map((c) => c.defaults), role.defaults);
    roles.defaults[name] = { ...roles.defaults[name], ...defaults };
    const inheritedKeywords: EntryKeywords = Object.assign(
      {},
      ...chain.map((c) => c.keywords),
      link.keywords,
    );
    roles.nodes.push({
      ...inheritedKeywords,
      kind: 'block',
      id: ctx.nextId('r'),
      name: `role ${name}`,
      block: role.tasks,
      rescue: [],
      always: [],
      when: [...chain.flatMap((c) => c.when), ...link.when],
      tags: [...new Set([...inherited.tags, ...chain.flatMap((c) => c.tags), ...link.tags])],
      vars: Object.assign({}, ...chain.map((c) => c.vars), fromDeps.vars, link.vars),
      params: Object.assign({}, ...chain.map((c) => c.params), params),
      roleDefaults: defaults,
      role: { name, path: role.path },
      entersRole: true,
      ...(chain.length > 0 ? { dependency: true } : {}),
      roleInstance: { key, allowDuplicates: role.allowDuplicates },
      location: {
        file: site.from.loaded.file,
        line: positionOf(site.from.loaded, site.at)?.line ?? 1,
        column: 1,
      },
    });
    // A role's handlers inherit the entry's keywords (`become_user` …) as its tasks do; once per instance.
    if (!withHandlers.has(key))
      roles.handlers.push(...role.handlers.map((h) => ({ ...inheritedKeywords, ...definedKeys(h) })));
    withHandlers.add(key);
    return own;
  };
  return { roles, expand };
}

/** A node without its unset (undefined) keys, so that spreading it keeps what it inherits. */
function definedKeys<T extends object>(node: T): T {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined)) as T;
}
