import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { JinjaOptions } from '../jinja-options.js';
import type { TemplateWhere } from '../template-error.js';

/** What a lookup plugin sees: the variables, where the playbook (and role) live, a way to render files. */
export interface LookupContext {
  vars: Record<string, unknown>;
  playbookDir: string;
  /** The directory of the role whose task is rendering, if any (its `files/` and `templates/` come first). */
  rolePath?: string;
  where?: TemplateWhere;
  /** `with_<lookup>` of a task whose action names templates, vars or files: where `first_found` looks. */
  subdir?: SearchKind;
  /** Renders a controller template with the current variables plus `extra` (`options` as the template lookup's). */
  renderFile(path: string, extra: Record<string, unknown>, options?: JinjaOptions): string;
  /** A controller file's bytes, decrypted when it is vault-encrypted. */
  readFile(path: string): Buffer;
  /** Renders a string with the current variables: terms given to `lookup()` holding `{{ }}` are templated. */
  renderTerm(text: string): unknown;
}

/** The folder a lookup searches under each search-path entry (Ansible's `subdir`). */
export type SearchKind = 'files' | 'templates' | 'vars';

/**
 * Ansible's exception classes, which decide what `errors=` may silence and how the failure reads:
 * `AnsibleLookupError` and `AnsibleOptionsError` keep their message, `AnsibleOptionsError` and
 * `AnsibleUndefinedVariable` are never silenced, anything else becomes "An unhandled exception occurred …".
 */
export type LookupErrorClass =
  | 'AnsibleError'
  | 'AnsibleLookupError'
  | 'AnsibleOptionsError'
  | 'AnsibleUndefinedVariable'
  | 'AnsibleParserError'
  | 'AnsibleAssertionError';

/** A lookup plugin: Ansible's `run(terms, variables, **kwargs)`, always returning a list. */
export type LookupPlugin = (
  terms: unknown[],
  kwargs: Record<string, unknown>,
  ctx: LookupContext,
) => unknown[];

/** A lookup that cannot do what it was asked, as the Ansible exception class it would raise. */
export class LookupFailure extends Error {
  constructor(
    message: string,
    readonly ansibleClass: LookupErrorClass = 'AnsibleError',
  ) {
    super(message);
  }
}

/** Ansible's `listify_lookup_plugin_terms`: a list stays a list, anything else becomes a one-item list. */
export function listify(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Ansible's `ansible_search_path` of the task: the role's folder, then the folder of the task's own file, then
 * the playbook's folder (a variable `ansible_search_path` given by the user wins).
 */
export function searchStack(
  vars: Record<string, unknown>,
  playbookDir: string,
  where: TemplateWhere | undefined,
): string[] {
  const given = vars.ansible_search_path;
  const stack: string[] = Array.isArray(given)
    ? given.map(String)
    : [
        ...(where?.rolePath ? [where.rolePath] : []),
        ...(where?.location?.file ? [dirname(resolve(where.location.file))] : []),
      ];
  return [...new Set([...stack, playbookDir].map((p) => resolve(p)))];
}

/** `searchStack` of a lookup's context. */
export function lookupStack(ctx: LookupContext): string[] {
  return searchStack(
    ctx.vars,
    ctx.playbookDir,
    ctx.rolePath ? { ...ctx.where, rolePath: ctx.rolePath } : ctx.where,
  );
}

/**
 * Where Ansible looks for a relative controller file (`path_dwim_relative_stack`): `<entry>/<kind>/<name>`
 * then `<entry>/<name>` for every entry of the search stack; `~` and absolute names as they are.
 */
export function searchPath(kind: SearchKind, ctx: LookupContext, name: string): string[] {
  if (name.startsWith('~')) return [join(homedir(), name.slice(1))];
  if (isAbsolute(name)) return [resolve(name)];
  return lookupStack(ctx).flatMap((base) => [join(base, kind, name), join(base, name)]);
}

/** The first existing candidate of `searchPath`, or undefined. */
export function locate(kind: SearchKind, ctx: LookupContext, name: string): string | undefined {
  return searchPath(kind, ctx, name).find((c) => existsSync(c));
}

/** The first existing candidate of `searchPath`, or a failure with `message` (Ansible's for the plugin). */
export function findFile(kind: SearchKind, ctx: LookupContext, name: string, message?: string): string {
  const found = locate(kind, ctx, name);
  if (!found)
    throw new LookupFailure(
      message ?? `could not find ${name} (searched ${searchPath(kind, ctx, name).join(', ')})`,
    );
  return found;
}

/** A term that must be a string (file names, commands, variable names). */
export function text(plugin: string, term: unknown): string {
  if (typeof term !== 'string' && typeof term !== 'number')
    throw new LookupFailure(`${plugin} expects strings as terms, got ${JSON.stringify(term)}`);
  return String(term);
}
