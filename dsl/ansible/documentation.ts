import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type ArgumentConstraints, sourceConstraints } from './argument-constraints.js';
import type { AnsibleModuleRef } from './resolve.js';
import { ansibleSearchPaths } from './search-paths.js';

/** One documented option of an Ansible module (the subset load-time checks use). */
export interface OptionSpec {
  type?: string;
  required?: boolean;
  choices?: unknown[];
  aliases?: string[];
  elements?: string;
  default?: unknown;
}

/** What a module's DOCUMENTATION says about its arguments. */
export interface ModuleDoc {
  options: Record<string, OptionSpec>;
  /** False when part of the documentation could not be read (no DOCUMENTATION, a missing fragment): unknown
   * arguments are then let through, since the list of options may be incomplete. */
  complete: boolean;
  /** `attributes.check_mode.support` (full, partial, none), when documented. */
  checkMode?: string;
  /** Checks between options, from DOCUMENTATION (`mutually_exclusive`) and the module's `AnsibleModule(...)` call. */
  constraints: ArgumentConstraints;
}

/** The text of a Python string assigned to `name` (`DOCUMENTATION = r'''…'''`), at any indentation. */
export function pythonStringVar(source: string, name: string): string | undefined {
  const start = new RegExp(`^[ \\t]*${name}[ \\t]*=[ \\t]*[rRuUbB]{0,2}('''|""")`, 'm').exec(source);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  const end = source.indexOf(start[1], from);
  return end < 0 ? undefined : source.slice(from, end);
}

function readDocVar(file: string, name: string): Record<string, unknown> | undefined {
  try {
    const text = pythonStringVar(readFileSync(file, 'utf8'), name);
    const doc = text === undefined ? undefined : parse(text);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Finds a doc fragment file and variable: `files`, `ansible.builtin.files`, `community.general.attributes.platform`. */
function fragment(name: string, playbookDir: string): Record<string, unknown> | undefined {
  const paths = ansibleSearchPaths(playbookDir);
  const parts = name.split('.');
  let file: string | undefined;
  let rest: string[];
  if (parts.length >= 3 && !(parts[0] === 'ansible' && parts[1] === 'builtin')) {
    const [ns, coll, frag] = parts;
    rest = parts.slice(3);
    const root = paths.collectionRoots.find((r) => existsSync(join(r, 'ansible_collections', ns, coll)));
    if (root) file = join(root, 'ansible_collections', ns, coll, 'plugins', 'doc_fragments', `${frag}.py`);
  } else {
    const local = parts[0] === 'ansible' ? parts.slice(2) : parts;
    rest = local.slice(1);
    if (paths.core) file = join(paths.core, 'ansible', 'plugins', 'doc_fragments', `${local[0]}.py`);
  }
  if (!file || !existsSync(file)) return undefined;
  return readDocVar(file, rest.length > 0 ? rest.join('_').toUpperCase() : 'DOCUMENTATION');
}

const cache = new Map<string, ModuleDoc>();

/** Reads a module's DOCUMENTATION block plus its doc fragments (cached per source file). */
export function moduleDocumentation(ref: AnsibleModuleRef, playbookDir: string): ModuleDoc | undefined {
  if (!ref.source) return undefined;
  const cached = cache.get(ref.source);
  if (cached) return cached;
  const doc = readDocVar(ref.source, 'DOCUMENTATION');
  let constraints: ArgumentConstraints;
  try {
    constraints = sourceConstraints(readFileSync(ref.source, 'utf8'));
  } catch {
    constraints = sourceConstraints('');
  }
  const result: ModuleDoc = { options: {}, complete: doc !== undefined, constraints };
  if (doc) {
    const fragments = doc.extends_documentation_fragment;
    for (const name of Array.isArray(fragments) ? fragments : fragments ? [fragments] : []) {
      const extra = fragment(String(name), playbookDir);
      if (!extra) result.complete = false;
      else Object.assign(result.options, (extra.options as object) ?? {});
    }
    Object.assign(result.options, (doc.options as object) ?? {});
    const attributes = doc.attributes as Record<string, { support?: string }> | undefined;
    if (attributes?.check_mode?.support) result.checkMode = attributes.check_mode.support;
    const exclusive = doc.mutually_exclusive;
    if (Array.isArray(exclusive))
      constraints.mutuallyExclusive.push(...exclusive.filter(Array.isArray).map((g) => g.map(String)));
  }
  cache.set(ref.source, result);
  return result;
}
