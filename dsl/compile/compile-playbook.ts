import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { addImportedPlaybookDir } from '../ansible/resolve.js';
import type { PlayNode, TaskGraph } from '../graph.js';
import type { Inventory } from '../inventory/types.js';
import { type DslIssue, describeValue } from '../issues.js';
import { playKeywordsSchema } from '../schema/keywords.js';
import { didYouMean } from '../suggest.js';
import type { HashBehaviour } from '../vars/combine.js';
import type { VaultSecrets } from '../vault/index.js';
import { childPath, type LoadedYaml, loadYamlFile, type Position, positionOf } from '../yaml/load.js';
import { conditions, tagList } from './common-keywords.js';
import type { CompileContext, Source } from './compile-context.js';
import { compilePlay } from './compile-play.js';
import { compileRole } from './compile-role.js';
import { expectation } from './keyword-shapes.js';
import { PLAY_KEYWORDS, varsOf } from './keywords.js';
import { compileRoleDependencies } from './play-roles.js';

/** What to compile against: the inventory, `--limit`, `--tags`/`--skip-tags`, `-e`. */
export interface CompileOptions {
  inventory: Inventory;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  extraVars?: Record<string, unknown>;
  /** Extra folders searched for roles (ansible.cfg `roles_path`). */
  rolesPath?: string[];
  /** `hash_behaviour`: `merge` merges dict variables of vars_files and play vars (and every layer at run time). */
  hashBehaviour?: HashBehaviour;
  /** Vault passwords: encrypted vars_files and role vars are decrypted at load (none needed without vault data). */
  vault?: VaultSecrets;
}

/**
 * Compiles a playbook into a TaskGraph; user mistakes come back as issues, never as exceptions. The playbook is
 * the YAML file at `path`, or — for TypeScript playbooks, which the runner imports — the `value` it exported.
 */
export function compileYamlPlaybook(
  path: string,
  options: CompileOptions,
  value?: { value: unknown; positions?: Map<string, Position> },
): { graph: TaskGraph; issues: DslIssue[] } {
  const file = resolve(path);
  const issues: DslIssue[] = [];
  const cache = new Map<string, LoadedYaml>();
  const counters = new Map<string, number>();
  const graph: TaskGraph = {
    playbook: file,
    plays: [],
    ...(options.limit ? { limit: options.limit } : {}),
    tags: { run: options.tags?.length ? options.tags : ['all'], skip: options.skipTags ?? [] },
    ...(options.rolesPath?.length ? { rolesPath: options.rolesPath } : {}),
    warnings: [],
  };
  const playbookDir = dirname(file);
  const ctx: CompileContext = {
    issues,
    playbookDir,
    importedHandlers: [],
    importedRoles: [],
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
    importRole: (name, from, at, inherited, files) =>
      compileRole(ctx, name, from, at, inherited, { rolesPath: options.rolesPath, ...files }),
    roleDependencies: (role, from, at, inherited, roleVars) =>
      compileRoleDependencies(ctx, role, from, at, inherited, roleVars),
  };
  if (value === undefined && !existsSync(file)) {
    issues.push({ code: 'missing-file', severity: 'error', message: `playbook ${path} does not exist` });
    return { graph, issues };
  }
  const loaded: LoadedYaml =
    value === undefined
      ? ctx.load(file)
      : {
          file,
          value: value.value,
          positions: value.positions ?? new Map(),
          octalPaths: new Set(),
          issues: [],
        };
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
  importVars: Record<string, unknown> = {},
  imported: ImportKeywords = { when: [], tags: [] },
): void {
  const source: Source = { loaded, baseDir: dirname(loaded.file) };
  const report = (path: string, message: string, code = 'invalid-structure', ansible?: string) => {
    const pos = positionOf(loaded, path);
    ctx.issues.push({
      code,
      severity: 'error',
      message,
      file: loaded.file,
      line: pos?.line,
      column: pos?.column,
      path,
      ...(ansible !== undefined ? { ansible } : {}),
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
          `'${key}' is not a valid attribute for a Play`,
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
      addImportedPlaybookDir(dirname(target));
      // The import's `vars:` become play vars of every imported play (winning over the play's own).
      compilePlays(
        ctx,
        ctx.load(target),
        graph,
        options,
        new Set([...seen, target]),
        { ...importVars, ...varsOf(play.vars) },
        {
          when: [...imported.when, ...conditions(play.when)],
          tags: [...imported.tags, ...tagList(play.tags)],
        },
      );
      return;
    }
    if (play.hosts === undefined)
      return report(
        path,
        'this play has no `hosts`',
        'missing-keyword',
        "the field 'hosts' is required but was not set",
      );
    const withImportVars =
      Object.keys(importVars).length > 0 ? { ...play, vars: { ...varsOf(play.vars), ...importVars } } : play;
    const withImport =
      imported.tags.length > 0
        ? { ...withImportVars, tags: [...tagList(play.tags), ...imported.tags] }
        : withImportVars;
    const compiled = compilePlay({ ctx, source, play: withImport, path, options }, index);
    graph.plays.push(imported.when.length > 0 ? withImportedWhen(compiled, imported.when) : compiled);
  });
}

/** `when` and `tags` of the `import_playbook`s a play came through (outermost first). */
interface ImportKeywords {
  when: string[];
  tags: string[];
}

/**
 * A play brought in by an `import_playbook` with a `when`: as Ansible's, the condition goes before those of each
 * top-level task and block of its sections (not its handlers) and guards its fact gathering.
 */
function withImportedWhen(play: PlayNode, when: string[]): PlayNode {
  return {
    ...play,
    importedWhen: when,
    sections: play.sections.map((section) => ({
      ...section,
      nodes: section.nodes.map((node) => ({ ...node, when: [...when, ...node.when] })),
    })),
  };
}
