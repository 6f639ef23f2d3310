import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommonKeywords, GraphNode } from '../graph.js';
import { childPath, positionOf } from '../yaml/load.js';
import { commonKeywords, conditions, tagList } from './common-keywords.js';
import type { CompileContext, Inherited, Source } from './compile-context.js';
import { compileRole } from './compile-role.js';

/** The roles of a play's `roles:` list, compiled: their blocks, defaults by role name, handlers, public vars. */
export interface PlayRoles {
  nodes: GraphNode[];
  defaults: Record<string, Record<string, unknown>>;
  handlers: GraphNode[];
  /** Every listed role's defaults (with its dependencies'), merged: every task of the play sees them. */
  publicDefaults: Record<string, unknown>;
  /** Every listed role's vars (with its dependencies'), merged: public, as Ansible's `private_role_vars=false`. */
  publicVars: Record<string, unknown>;
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

/**
 * The `roles:` list: each role (after its `meta/main.yml` dependencies, depth-first, each once per distinct
 * parameters unless `allow_duplicates`) compiled into a block carrying its variables as Ansible layers them —
 * defaults (dependencies', then parents', then its own), vars (parents', dependencies', the entry's `vars:`, its
 * own) and parameters (any entry key that is not a keyword: `- role: web, port: 81`, parents' first).
 */
export function compilePlayRoles(
  ctx: CompileContext,
  source: Source,
  list: unknown,
  path: string,
  inherited: Inherited,
  rolesPath?: string[],
): PlayRoles {
  const roles: PlayRoles = { nodes: [], defaults: {}, handlers: [], publicDefaults: {}, publicVars: {} };
  const seen = new Set<string>();
  const expand = (spec: unknown, site: EntrySite, chain: ChainLink[]): RoleVariables => {
    const entry: Record<string, unknown> =
      typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    const name = typeof spec === 'string' ? spec : String(entry.role ?? entry.name);
    const role = compileRole(ctx, name, site.from, site.at, inherited, { rolesPath: site.rolesPath });
    const params = Object.fromEntries(Object.entries(entry).filter(([k]) => !ROLE_ENTRY_KEYWORDS.has(k)));
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
    const fromDeps: RoleVariables = { defaults: {}, vars: {} };
    if (role.path && site.depth < 20) {
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
          [...chain, link],
        );
        Object.assign(fromDeps.defaults, got.defaults);
        Object.assign(fromDeps.vars, got.vars);
      });
    }
    const own: RoleVariables = {
      defaults: { ...fromDeps.defaults, ...role.defaults },
      vars: { ...fromDeps.vars, ...link.vars },
    };
    const key = `${role.path || name}\0${JSON.stringify(params)}`;
    if (seen.has(key) && !role.allowDuplicates) return own;
    seen.add(key);
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
      location: {
        file: site.from.loaded.file,
        line: positionOf(site.from.loaded, site.at)?.line ?? 1,
        column: 1,
      },
    });
    // A role's handlers inherit the entry's keywords (`become_user` …) as its tasks do.
    roles.handlers.push(...role.handlers.map((h) => ({ ...inheritedKeywords, ...definedKeys(h) })));
    return own;
  };
  (Array.isArray(list) ? list : []).forEach((spec, i) => {
    const got = expand(spec, { at: childPath(path, i), from: source, depth: 0, rolesPath }, []);
    Object.assign(roles.publicDefaults, got.defaults);
    Object.assign(roles.publicVars, got.vars);
  });
  return roles;
}

/** A node without its unset (undefined) keys, so that spreading it keeps what it inherits. */
function definedKeys<T extends object>(node: T): T {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined)) as T;
}
