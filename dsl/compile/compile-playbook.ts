import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GraphNode, HandlerNode, PlayNode, SerialSpec, TaskGraph } from '../graph.js';
import type { Inventory } from '../inventory/types.js';
import { type DslIssue, describeValue } from '../issues.js';
import { playKeywordsSchema } from '../schema/keywords.js';
import { didYouMean } from '../suggest.js';
import type { VaultSecrets } from '../vault/index.js';
import { childPath, type LoadedYaml, loadYamlFile, positionOf } from '../yaml/load.js';
import type { CompileContext, Inherited, Source } from './compile-context.js';
import { compileRole } from './compile-role.js';
import { compileTaskList } from './compile-tasks.js';
import { expectation } from './keyword-shapes.js';
import { flagOrTemplate, isTruthyFlag, PLAY_KEYWORDS, strategyOf, varsOf } from './keywords.js';
import { filterByTags } from './tags.js';

/** What to compile against: the inventory, `--limit`, `--tags`/`--skip-tags`, `-e`. */
export interface CompileOptions {
  inventory: Inventory;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  extraVars?: Record<string, unknown>;
  /** Extra folders searched for roles (ansible.cfg `roles_path`). */
  rolesPath?: string[];
  /** Vault passwords: encrypted vars_files and role vars are decrypted at load (none needed without vault data). */
  vault?: VaultSecrets;
}

const flag = (v: unknown, fallback: boolean) => (v === undefined ? fallback : isTruthyFlag(v));

/**
 * Compiles a playbook into a TaskGraph; user mistakes come back as issues, never as exceptions. The playbook is
 * the YAML file at `path`, or — for TypeScript playbooks, which the runner imports — the `value` it exported.
 */
export function compileYamlPlaybook(
  path: string,
  options: CompileOptions,
  value?: { value: unknown },
): { graph: TaskGraph; issues: DslIssue[] } {
  const file = resolve(path);
  const issues: DslIssue[] = [];
  const cache = new Map<string, LoadedYaml>();
  const counters = new Map<string, number>();
  const graph: TaskGraph = { playbook: file, plays: [], warnings: [] };
  const playbookDir = dirname(file);
  const ctx: CompileContext = {
    issues,
    playbookDir,
    importedHandlers: [],
    vault: options.vault,
    nextId: (prefix) => {
      const n = counters.get(prefix) ?? 0;
      counters.set(prefix, n + 1);
      return `${prefix}${n}`;
    },
    load: (f) => {
      let loaded = cache.get(f);
      if (!loaded) {
        loaded = loadYamlFile(f, undefined, { vault: options.vault });
        issues.push(...loaded.issues);
        cache.set(f, loaded);
      }
      return loaded;
    },
    importRole: (name, from, at, inherited, tasksFrom) => {
      const role = compileRole(ctx, name, from, at, inherited, { rolesPath: options.rolesPath, tasksFrom });
      ctx.importedHandlers.push(...role.handlers);
      return role;
    },
  };
  if (value === undefined && !existsSync(file)) {
    issues.push({ code: 'missing-file', severity: 'error', message: `playbook ${path} does not exist` });
    return { graph, issues };
  }
  const loaded: LoadedYaml =
    value === undefined
      ? ctx.load(file)
      : { file, value: value.value, positions: new Map(), octalPaths: new Set(), issues: [] };
  compilePlays(ctx, loaded, graph, options, new Set([file]));
  for (const issue of issues)
    if (issue.severity === 'warning')
      graph.warnings.push({
        message: issue.message,
        location: issue.file
          ? { file: issue.file, line: issue.line ?? 1, column: issue.column ?? 1 }
          : undefined,
      });
  return { graph, issues };
}

function compilePlays(
  ctx: CompileContext,
  loaded: LoadedYaml,
  graph: TaskGraph,
  options: CompileOptions,
  seen: Set<string>,
): void {
  const source: Source = { loaded, baseDir: dirname(loaded.file) };
  const report = (path: string, message: string, code = 'invalid-structure') => {
    const pos = positionOf(loaded, path);
    ctx.issues.push({
      code,
      severity: 'error',
      message,
      file: loaded.file,
      line: pos?.line,
      column: pos?.column,
      path,
    });
  };
  if (loaded.value === undefined) return;
  if (!Array.isArray(loaded.value)) {
    report('', `Expected a playbook to be a list of plays, got ${describeValue(loaded.value)}`);
    return;
  }
  loaded.value.forEach((raw, index) => {
    const path = `[${index}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      return report(path, `Expected a play to be a mapping, got ${describeValue(raw)}`);
    const play = raw as Record<string, unknown>;
    for (const key of Object.keys(play)) {
      if (!PLAY_KEYWORDS.has(key))
        report(
          childPath(path, key),
          `unknown play keyword \`${key}\`${didYouMean(key, PLAY_KEYWORDS)}`,
          'unknown-keyword',
        );
    }
    const checked = playKeywordsSchema.safeParse(play);
    if (!checked.success) {
      for (const zi of checked.error.issues) {
        const key = String(zi.path[0]);
        report(
          childPath(path, zi.path.map(String).join('.')),
          `Expected \`${key}\` ${expectation(zi, key)}, got ${describeValue(play[key])}`,
          'invalid-keyword',
        );
      }
    }
    if (typeof play.import_playbook === 'string') {
      const target = resolve(dirname(loaded.file), play.import_playbook);
      if (seen.has(target))
        return report(childPath(path, 'import_playbook'), `import_playbook: ${target} imports itself`);
      if (!existsSync(target))
        return report(
          childPath(path, 'import_playbook'),
          `import_playbook: ${target} does not exist`,
          'missing-file',
        );
      compilePlays(ctx, ctx.load(target), graph, options, new Set([...seen, target]));
      return;
    }
    if (play.hosts === undefined) return report(path, 'this play has no `hosts`', 'missing-keyword');
    graph.plays.push(compilePlay(ctx, source, play, path, index, options));
  });
}

function compilePlay(
  ctx: CompileContext,
  source: Source,
  play: Record<string, unknown>,
  path: string,
  index: number,
  options: CompileOptions,
): PlayNode {
  const pattern = Array.isArray(play.hosts) ? play.hosts.join(',') : String(play.hosts);
  let hosts = options.inventory.selectHosts(pattern);
  if (options.limit) {
    const limited = new Set(options.inventory.selectHosts(options.limit));
    hosts = hosts.filter((h) => limited.has(h));
  }
  const playTags = tagList(play.tags);
  const inherited: Inherited = { tags: playTags };
  const vars = varsOf(play.vars);
  for (const [i, entry] of (Array.isArray(play.vars_files)
    ? play.vars_files
    : play.vars_files
      ? [play.vars_files]
      : []
  ).entries()) {
    const candidates = Array.isArray(entry) ? entry : [entry];
    const found = candidates
      .map((c) => resolve(source.baseDir, String(c)))
      .find((c) => !c.includes('{{') && existsSync(c));
    if (found) Object.assign(vars, ctx.load(found).value as Record<string, unknown>);
    else if (!candidates.some((c) => String(c).includes('{{'))) {
      const pos = positionOf(source.loaded, childPath(childPath(path, 'vars_files'), i));
      ctx.issues.push({
        code: 'missing-file',
        severity: 'error',
        message: `vars_files: ${candidates.join(', ')} not found`,
        file: source.loaded.file,
        line: pos?.line,
        column: pos?.column,
      });
    }
  }
  const roleDefaults: Record<string, Record<string, unknown>> = {};
  const roleHandlers: GraphNode[] = [];
  const roleNodes: GraphNode[] = [];
  (Array.isArray(play.roles) ? play.roles : []).forEach((spec, i) => {
    const name =
      typeof spec === 'string'
        ? spec
        : String((spec as { role?: string; name?: string }).role ?? (spec as { name?: string }).name);
    const role = compileRole(ctx, name, source, childPath(childPath(path, 'roles'), i), inherited, {
      rolesPath: options.rolesPath,
    });
    roleDefaults[name] = role.defaults;
    // Role parameters: the entry's `vars:` plus any key that is not a keyword (`- role: web, port: 81`).
    const entry = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    const params = {
      ...Object.fromEntries(Object.entries(entry).filter(([k]) => !ROLE_ENTRY_KEYWORDS.has(k))),
      ...(typeof entry.vars === 'object' && entry.vars !== null
        ? (entry.vars as Record<string, unknown>)
        : {}),
    };
    const roleTags = typeof spec === 'object' ? tagList((spec as { tags?: unknown }).tags) : [];
    roleNodes.push({
      kind: 'block',
      id: ctx.nextId('r'),
      name: `role ${name}`,
      block: role.tasks,
      rescue: [],
      always: [],
      when:
        typeof spec === 'object' && (spec as { when?: unknown }).when !== undefined
          ? [String((spec as { when: unknown }).when)]
          : [],
      tags: [...playTags, ...roleTags],
      vars: { ...role.vars, ...params },
      role: { name, path: role.path },
      location: {
        file: source.loaded.file,
        line: positionOf(source.loaded, childPath(childPath(path, 'roles'), i))?.line ?? 1,
        column: 1,
      },
    });
    roleHandlers.push(...role.handlers);
  });
  const section = (key: 'pre_tasks' | 'tasks' | 'post_tasks') =>
    compileTaskList(ctx, source, play[key], childPath(path, key), inherited);
  ctx.importedHandlers = [];
  const pos = positionOf(source.loaded, path);
  const sections = [
    { section: 'pre_tasks' as const, nodes: section('pre_tasks') },
    { section: 'roles' as const, nodes: roleNodes },
    { section: 'tasks' as const, nodes: section('tasks') },
    { section: 'post_tasks' as const, nodes: section('post_tasks') },
  ].map((s) => ({ ...s, nodes: filterByTags(s.nodes, options.tags, options.skipTags) }));
  // Handlers of roles (listed or imported) come first, then the play's own, as Ansible orders them.
  const handlers = [
    ...roleHandlers,
    ...ctx.importedHandlers,
    ...compileTaskList(ctx, source, play.handlers, childPath(path, 'handlers'), inherited),
  ]
    .filter((n) => n.kind === 'task')
    // Ansible: of handlers that share a name, only the last one defined is notified.
    .filter((n, i, all) => !all.slice(i + 1).some((later) => later.kind === 'task' && later.name === n.name))
    .map((n, i) => ({ ...n, id: `h${index}.${i}`, listen: n.listen ?? [] }) as HandlerNode);
  return {
    id: `p${index}`,
    name: typeof play.name === 'string' ? play.name : pattern,
    pattern,
    hosts,
    vars,
    roleDefaults,
    gatherFacts: flag(play.gather_facts, true),
    become:
      play.become !== undefined || play.become_user !== undefined
        ? {
            become: flag(play.become, false),
            user: play.become_user as string | undefined,
            method: play.become_method as 'sudo' | undefined,
          }
        : undefined,
    serial:
      play.serial === undefined
        ? undefined
        : ((Array.isArray(play.serial) ? play.serial : [play.serial]) as SerialSpec),
    strategy: strategyOf(play.strategy),
    maxFailPercentage: play.max_fail_percentage as number | undefined,
    anyErrorsFatal: flag(play.any_errors_fatal, false),
    forceHandlers: flag(play.force_handlers, false),
    environment: play.environment as PlayNode['environment'],
    tags: playTags,
    checkMode: flagOrTemplate(play.check_mode),
    sections,
    handlers,
    location: { file: source.loaded.file, line: pos?.line ?? 1, column: pos?.column ?? 1 },
  };
}

function tagList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((t) => String(t).split(','))
    .map((t) => t.trim())
    .filter(Boolean);
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
]);
