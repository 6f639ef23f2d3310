import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { unsupportedOptions } from './contract/unsupported-options.js';

/** `hash_behaviour: merge` is not implemented (variables replace, as with Ansible's default). */
const UNSUPPORTED = { hash_behaviour: 'replace' } as const;
const args = z
  .object({
    file: z.string().optional(),
    dir: z.string().optional(),
    name: z.string().optional(),
    files_matching: z.string().optional(),
    extensions: z.array(z.string()).default(['yaml', 'yml', 'json']),
    depth: z.number().int().min(0).default(0),
    ignore_files: z.array(z.string()).default([]),
    ignore_unknown_extensions: z.boolean().default(false),
    ...unsupportedOptions(UNSUPPORTED),
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
    throw new ModuleFailure(`include_vars: ${path} must hold a mapping of variables`);
  return value as Record<string, unknown>;
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
    if (!a.extensions.some((ext) => entry.endsWith(`.${ext}`))) {
      if (a.ignore_unknown_extensions) continue;
      throw new ModuleFailure(
        `include_vars: ${path} does not have a valid extension: ${a.extensions.join(', ')} (set ignore_unknown_extensions to skip it)`,
      );
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
  unsupportedArgs: UNSUPPORTED,
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
    if (a.file) files.push(resolve(a.file));
    if (a.dir) files.push(...dirFiles(resolve(a.dir), a));
    const read = env.readVarsFile ? readWith(env.readVarsFile) : (p: string) => load(p);
    const vars = Object.assign({}, ...files.map(read)) as Record<string, unknown>;
    return { files, vars };
  },
  plan: (_a, state) => ({ steps: [], reason: `loaded ${state.files.join(', ')}` }),
  apply: async () => ({ changed: false }),
  report: (a, state) => ({
    ansible_facts: a.name ? { [a.name]: state.vars } : state.vars,
    ansible_included_var_files: state.files,
  }),
});
