import type { GraphNode } from '../graph.js';
import type { DslIssue } from '../issues.js';
import type { VaultSecrets } from '../vault/index.js';
import { type LoadedYaml, positionOf } from '../yaml/load.js';
import type { CompiledRole, RoleFrom } from './compile-role.js';
import type { PlayRoles } from './play-roles.js';

/** Shared state while one playbook compiles: issues, ids, loaded files, where modules and roles live. */
export interface CompileContext {
  issues: DslIssue[];
  playbookDir: string;
  nextId(prefix: string): string;
  load(file: string): LoadedYaml;
  /** Compiling a file loaded by an include_tasks/include_role at run time: a legacy `include` there is dynamic. */
  dynamicParent?: boolean;
  /**
   * What templates in a static import (`import_role: name: "{{ x }}"`) see at load time, as Ansible's: the
   * play's vars (with `import_playbook` vars and `vars_files`) and the extra vars.
   */
  loadTimeVars?: Record<string, unknown>;
  /** Vault passwords, for role vars/defaults files that are encrypted. */
  vault?: VaultSecrets;
  /** Handlers of roles imported while compiling the current play (they join the play's handlers). */
  importedHandlers: GraphNode[];
  /**
   * Roles imported while compiling the current play: they join the play's roles (`ansible_play_role_names`,
   * their dependencies `ansible_dependent_role_names`), and their defaults and vars are public to the whole play.
   */
  importedRoles: Array<{
    name: string;
    dependencyNames: string[];
    defaults: Record<string, unknown>;
    vars: Record<string, unknown>;
  }>;
  /** Compiles a role (for import_role inside task lists); the import adds its handlers to the play's. */
  importRole(name: string, from: Source, path: string, inherited: Inherited, files?: RoleFrom): CompiledRole;
  /**
   * The `meta/main.yml` dependencies of a role an `import_role` brings in, compiled as role instances (set where
   * the play-roles compiler can be reached without an import cycle).
   */
  roleDependencies?(
    role: CompiledRole,
    from: Source,
    at: string,
    inherited: Inherited,
    roleVars: Record<string, unknown>,
  ): PlayRoles;
}

/** Where the list being compiled came from. */
export interface Source {
  loaded: LoadedYaml;
  /** Folder that relative `import_tasks` paths resolve from. */
  baseDir: string;
  role?: { name: string; path: string };
}

/** Keywords inherited by the nodes of a list (tags accumulate). */
export interface Inherited {
  tags: string[];
  /** Inside a block with `rescue` or `ignore_errors`: a task there may fail by design (see expectsFailure). */
  failureExpected?: boolean;
  /** `notify` of an enclosing block, import or include: a task without its own notifies these handlers. */
  notify?: string[];
}

/** Records a problem at `path` of the file being compiled, with its line and column. */
export function issue(
  ctx: CompileContext,
  source: Source,
  path: string,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
  ansible?: string,
): void {
  const pos = positionOf(source.loaded, path);
  ctx.issues.push({
    code,
    severity,
    message,
    file: source.loaded.file,
    line: pos?.line,
    column: pos?.column,
    path,
    ...(ansible !== undefined ? { ansible } : {}),
  });
}
