import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';

const args = z
  .object({
    // Free-form text keeps a `>` block's final newline (Ansible's join_args); its action plugin strips it.
    file: z
      .string()
      .transform((file) => file.replace(/\n+$/, ''))
      .optional(),
    dir: z.string().optional(),
    name: z.string().optional(),
    files_matching: z.string().optional(),
    extensions: z.array(z.string()).default(['yaml', 'yml', 'json']),
    depth: z.number().int().min(0).default(0),
    ignore_files: z.array(z.string()).default([]),
    ignore_unknown_extensions: z.boolean().default(false),
    hash_behaviour: z.enum(['replace', 'merge']).optional(),
  })
  .strict()
  .refine((a) => a.file !== undefined || a.dir !== undefined, {
    message: 'one of `file` or `dir` is required',
  });

function load(
  path: string,
  read = (p: string): unknown => parse(readFileSync(p, 'utf8'), { version: '1.1' }),
): Record<string, unknown> {
  const value = read(path);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw includeFailure(`${path} must be stored as a dictionary/hash`);
  return value as Record<string, unknown>;
}

/** A failure Ansible's include_vars reports in `message` (its result has no `msg`; Spindle's has both). */
function includeFailure(text: string): ModuleFailure {
  return new ModuleFailure(text, { message: text, ansible_facts: {}, ansible_included_var_files: [] });
}

/** Ansible's text for a vars file it cannot find on the controller. */
function notFound(what: string): string {
  return `${what} on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`;
}

/** The controller's reader (vault-aware), with its failures as ModuleFailures naming the module. */
function readWith(reader: (path: string) => unknown): (path: string) => Record<string, unknown> {
  return (path) => {
    let value: unknown;
    try {
      value = reader(path);
    } catch (error) {
      throw new ModuleFailure(`include_vars: ${(error as Error).message}`);
    }
    return load(path, () => value);
  };
}

/**
 * The files of `dir` as Ansible reads them: sorted, walked down to `depth` levels (0: all), skipping
 * `ignore_files` and names not matching `files_matching`; a file with another extension than `extensions` fails
 * the task unless `ignore_unknown_extensions`.
 */
function dirFiles(dir: string, a: z.output<typeof args>, level = 1): string[] {
  const pattern = a.files_matching ? new RegExp(a.files_matching) : undefined;
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (a.depth === 0 || level < a.depth) files.push(...dirFiles(path, a, level + 1));
      continue;
    }
    if (a.ignore_files.includes(entry) || (pattern && !pattern.test(entry))) continue;
    // Ansible compares the last extension only; `''` in `extensions` matches files without one.
    if (!a.extensions.includes(extname(entry).slice(1))) {
      if (a.ignore_unknown_extensions) continue;
      throw includeFailure(`${path} does not have a valid extension: ${a.extensions.join(', ')}`);
    }
    files.push(path);
  }
  return files;
}

/** `include_vars`: loads variables from YAML/JSON files on the controller (a role's `vars/`, then the playbook's folder). */
export const includeVarsModule = defineModule({
  name: 'include_vars',
  summary: 'Load variables from YAML or JSON files on the controller.',
  runsOn: 'controller',
  idempotent: true,
  freeForm: 'file',
  args,
  async probe(a, env) {
    // Ansible's search: the role's vars/ and the role, then the playbook's vars/ and folder.
    const playbookDir = String(env.vars?.playbook_dir ?? '.');
    const rolePath = typeof env.vars?.role_path === 'string' ? env.vars.role_path : undefined;
    const bases = [
      ...(rolePath ? [join(rolePath, 'vars'), rolePath] : []),
      join(playbookDir, 'vars'),
      playbookDir,
    ];
    const resolve = (p: string) => {
      if (p.startsWith('/')) return p;
      const candidates = bases.map((b) => join(b, p));
      return candidates.find((c) => existsSync(c)) ?? join(playbookDir, p);
    };
    const files: string[] = [];
    // As Ansible's: an empty `file` (a lookup that found nothing) and a file in none of the bases fail the task.
    if (!a.file && !a.dir) throw includeFailure(notFound('Could not find file'));
    if (a.file) {
      const found = resolve(a.file);
      if (!existsSync(found))
        throw includeFailure(
          notFound(
            `Could not find or access '${a.file}'\nSearched in:\n\t${bases.map((b) => join(b, a.file!)).join('\n\t')}`,
          ),
        );
      files.push(found);
    }
    if (a.dir) files.push(...dirFiles(resolve(a.dir), a));
    const read = env.readVarsFile ? readWith(env.readVarsFile) : (p: string) => load(p);
    const loaded = Object.assign({}, ...files.map(read)) as Record<string, unknown>;
    const scoped = a.name ? { [a.name]: loaded } : loaded;
    return { files, facts: a.hash_behaviour === 'merge' ? mergeIntoCurrent(scoped, env.vars ?? {}) : scoped };
  },
  plan: (_a, state) => ({ steps: [], reason: `loaded ${state.files.join(', ')}` }),
  apply: async () => ({ changed: false }),
  report: (_a, state) => ({ ansible_facts: state.facts, ansible_included_var_files: state.files }),
});

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value's Python class name, as Ansible's "failed to combine variables" message shows it. */
function pythonClass(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return { string: 'str', boolean: 'bool', object: 'dict' }[typeof value as string] ?? typeof value;
}

/** Ansible's recursive `merge_hash`: mappings merge key by key, anything else from `update` wins. */
function mergeHash(base: Mapping, update: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(update))
    out[key] = isMapping(out[key]) && isMapping(value) ? mergeHash(out[key] as Mapping, value) : value;
  return out;
}

/**
 * `hash_behaviour: merge`: each loaded variable merges into the host's current value of that name; as in
 * Ansible, both must be mappings, else the task fails.
 */
function mergeIntoCurrent(loaded: Mapping, current: Readonly<Mapping>): Mapping {
  const out: Mapping = {};
  for (const [key, value] of Object.entries(loaded)) {
    const old = current[key];
    if (!isMapping(old) || !isMapping(value))
      throw new ModuleFailure(
        `failed to combine variables, expected dicts but got a '${pythonClass(old)}' and a '${pythonClass(value)}': \n${JSON.stringify(old ?? null)}\n${JSON.stringify(value)}`,
      );
    out[key] = mergeHash(old, value);
  }
  return out;
}
