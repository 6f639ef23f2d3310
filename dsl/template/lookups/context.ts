import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { TemplateWhere } from '../template-error.js';

/** What a lookup plugin sees: the variables, where the playbook (and role) live, a way to render files. */
export interface LookupContext {
  vars: Record<string, unknown>;
  playbookDir: string;
  /** The directory of the role whose task is rendering, if any (its `files/` and `templates/` come first). */
  rolePath?: string;
  where?: TemplateWhere;
  /** Renders a controller template with the current variables plus `extra`. */
  renderFile(path: string, extra: Record<string, unknown>): string;
}

/** A lookup plugin: Ansible's `run(terms, variables, **kwargs)`, always returning a list. */
export type LookupPlugin = (
  terms: unknown[],
  kwargs: Record<string, unknown>,
  ctx: LookupContext,
) => unknown[];

/** A lookup that cannot do what it was asked (the caller names the plugin and the task). */
export class LookupFailure extends Error {}

/** Ansible's `listify_lookup_plugin_terms`: a list stays a list, anything else becomes a one-item list. */
export function listify(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Where Ansible looks for a relative controller file: role `<kind>/`, role dir, playbook `<kind>/`, playbook dir. */
export function searchPath(kind: 'files' | 'templates', ctx: LookupContext, name: string): string[] {
  if (isAbsolute(name)) return [name];
  const bases = [...(ctx.rolePath ? [ctx.rolePath] : []), ctx.playbookDir];
  return bases.flatMap((base) => [join(base, kind, name), join(base, name)]).map((p) => resolve(p));
}

/** The first existing candidate of `searchPath`, or a failure listing where it looked. */
export function findFile(kind: 'files' | 'templates', ctx: LookupContext, name: string): string {
  const candidates = searchPath(kind, ctx, name);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new LookupFailure(`could not find ${name} (searched ${candidates.join(', ')})`);
  return found;
}

/** A term that must be a string (file names, commands, variable names). */
export function text(plugin: string, term: unknown): string {
  if (typeof term !== 'string' && typeof term !== 'number')
    throw new LookupFailure(`${plugin} expects strings as terms, got ${JSON.stringify(term)}`);
  return String(term);
}
