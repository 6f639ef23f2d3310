import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { addHostModule } from './add_host.js';
import { aptModule } from './apt.js';
import { assertModule } from './assert.js';
import { asyncStatusModule } from './async_status.js';
import { blockinfileModule } from './blockinfile.js';
import { commandTaskModule } from './command/command.js';
import type { ModuleDefinition, ModuleTarget } from './contract/define-module.js';
import { parseModuleName } from './contract/module-name.js';
import { copyModule } from './copy/copy.js';
import { cronModule } from './cron/cron.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { fetchModule } from './fetch.js';
import { fileModule } from './file/file.js';
import { findModule } from './find.js';
import { getUrlModule } from './get_url/get_url.js';
import { gitModule } from './git/git.js';
import { groupModule } from './group.js';
import { groupByModule } from './group_by.js';
import { includeVarsModule } from './include_vars.js';
import { lineinfileModule } from './lineinfile/lineinfile.js';
import { pauseModule } from './pause.js';
import { pingModule } from './ping.js';
import { rawModule } from './raw.js';
import { replaceModule } from './replace.js';
import { scriptModule } from './script.js';
import { serviceModule } from './service.js';
import { setFactModule } from './set_fact.js';
import { setupModule } from './setup.js';
import { shellModule } from './shell.js';
import { slurpModule } from './slurp.js';
import { statModule } from './stat.js';
import { templateModule } from './template.js';
import { unarchiveModule } from './unarchive/unarchive.js';
import { uriModule } from './uri/uri.js';
import { userModule } from './user.js';
import { waitForModule } from './wait_for.js';

/**
 * Where a module's code comes from. `builtin`: a TypeScript module of this package, listed below. `local`: a
 * TypeScript (or JavaScript) file in the playbook's `modules/` folder, found when a task names it. `ansible`:
 * Ansible's own module (a `library/` file, ansible-core's or a collection's), run through Python; the DSL finds
 * it (dsl/ansible/resolve.ts) and the runner ships it (runner/ansible/).
 */
export type ModuleKind = 'builtin' | 'local' | 'ansible';

/** Where an Ansible module's Python source is on the controller (plain data, carried by `ResolvedModule`). */
export interface AnsibleModuleSource {
  /** Fully qualified name after redirects (`community.general.ini_file`), or the bare name for `library/` ones. */
  fqcn: string;
  /** The module's `.py` file; undefined when the name is a real Ansible module not installed here. */
  source?: string;
  /** The collection that provides it (`community.general`, or `library`), for "install it" messages. */
  collection: string;
  /** Extra folders whose `module_utils/` a library module may import (`ansible.module_utils.<x>`). */
  moduleUtilsDirs: string[];
  /** Where a collection module's collection root is (the folder holding `ansible_collections/`). */
  collectionRoot?: string;
}

/** One built-in module: its definition (schema, probe/plan/apply) and the source file the runner ships. */
export interface BuiltinEntry<D extends ModuleDefinition = ModuleDefinition> {
  kind: 'builtin';
  definition: D;
  /** The module's source file relative to the package root: what the module responder bundles and ships. */
  file: string;
}

function builtin<D extends ModuleDefinition>(definition: D, file: string): BuiltinEntry<D> {
  return { kind: 'builtin', definition, file };
}

/**
 * THE list of built-in modules, canonical name → entry; per-module argument types survive (`typeof
 * builtinModules.copy.definition.args`). DSL validation, `play schema`, the TypeScript builders, the module
 * table of docs/modules.md and the remote bundling are derived from it (test/modules/registry.test.ts checks).
 */
export const builtinModules = {
  add_host: builtin(addHostModule, 'modules/add_host.ts'),
  apt: builtin(aptModule, 'modules/apt.ts'),
  assert: builtin(assertModule, 'modules/assert.ts'),
  async_status: builtin(asyncStatusModule, 'modules/async_status.ts'),
  blockinfile: builtin(blockinfileModule, 'modules/blockinfile.ts'),
  command: builtin(commandTaskModule, 'modules/command/command.ts'),
  copy: builtin(copyModule, 'modules/copy/copy.ts'),
  cron: builtin(cronModule, 'modules/cron/cron.ts'),
  debug: builtin(debugModule, 'modules/debug.ts'),
  fail: builtin(failModule, 'modules/fail.ts'),
  fetch: builtin(fetchModule, 'modules/fetch.ts'),
  file: builtin(fileModule, 'modules/file/file.ts'),
  find: builtin(findModule, 'modules/find.ts'),
  get_url: builtin(getUrlModule, 'modules/get_url/get_url.ts'),
  git: builtin(gitModule, 'modules/git/git.ts'),
  group: builtin(groupModule, 'modules/group.ts'),
  group_by: builtin(groupByModule, 'modules/group_by.ts'),
  include_vars: builtin(includeVarsModule, 'modules/include_vars.ts'),
  lineinfile: builtin(lineinfileModule, 'modules/lineinfile/lineinfile.ts'),
  pause: builtin(pauseModule, 'modules/pause.ts'),
  ping: builtin(pingModule, 'modules/ping.ts'),
  raw: builtin(rawModule, 'modules/raw.ts'),
  replace: builtin(replaceModule, 'modules/replace.ts'),
  script: builtin(scriptModule, 'modules/script.ts'),
  service: builtin(serviceModule, 'modules/service.ts'),
  set_fact: builtin(setFactModule, 'modules/set_fact.ts'),
  setup: builtin(setupModule, 'modules/setup.ts'),
  shell: builtin(shellModule, 'modules/shell.ts'),
  slurp: builtin(slurpModule, 'modules/slurp.ts'),
  stat: builtin(statModule, 'modules/stat.ts'),
  template: builtin(templateModule, 'modules/template.ts'),
  unarchive: builtin(unarchiveModule, 'modules/unarchive/unarchive.ts'),
  uri: builtin(uriModule, 'modules/uri/uri.ts'),
  user: builtin(userModule, 'modules/user.ts'),
  wait_for: builtin(waitForModule, 'modules/wait_for.ts'),
};

/** A built-in module's canonical name (`copy`, `file` …). */
export type BuiltinName = keyof typeof builtinModules;

/** A built-in module's arguments after its schema ran (aliases resolved, defaults filled, types converted). */
export type ModuleArgs<K extends BuiltinName> = z.output<(typeof builtinModules)[K]['definition']['args']>;

/** The registry's entries, in name order (for generated tables and schemas). */
export const builtinEntries: ReadonlyArray<[BuiltinName, BuiltinEntry]> = (
  Object.entries(builtinModules) as Array<[BuiltinName, BuiltinEntry]>
).sort(([a], [b]) => a.localeCompare(b));

const aliasIndex = new Map<string, BuiltinName>();
for (const [name, entry] of builtinEntries)
  for (const alias of entry.definition.aliases ?? []) aliasIndex.set(alias, name);

/** Whether `name` is a built-in module's canonical name. */
export function isBuiltinName(name: string): name is BuiltinName {
  return Object.hasOwn(builtinModules, name);
}

/** Every spelling that selects a built-in module without a collection prefix: names and aliases. */
export function builtinSpellings(): string[] {
  return [...builtinEntries.map(([name]) => name), ...aliasIndex.keys()];
}

/**
 * Finds a built-in module by any accepted spelling: `file`, `ansible.builtin.file`, `ansible.legacy.file`,
 * `spindle.file`, or an alias (`systemd` → `service`).
 */
export function findBuiltin(written: string): BuiltinEntry | undefined {
  const { short } = parseModuleName(written);
  if (isBuiltinName(short)) return builtinModules[short];
  const aliased = aliasIndex.get(short);
  return aliased ? builtinModules[aliased] : undefined;
}

/** The entry of a canonical built-in name (what a compiled task carries), for the runner. */
export function builtinEntry(name: string): BuiltinEntry | undefined {
  return isBuiltinName(name) ? builtinModules[name] : undefined;
}

/**
 * A task's module as the compiler resolved it, carried by the task node (plain data): the runner ships or
 * runs it from this and never looks the module up again.
 */
export interface ResolvedModule {
  /** Canonical name (`service` for `ansible.builtin.systemd`). */
  name: string;
  kind: ModuleKind;
  runsOn: ModuleTarget;
  /**
   * `builtin`: the source file relative to the package root; `local`: the file's absolute path; `ansible`: the
   * Python source's absolute path ('' when the module is not installed here).
   */
  file: string;
  /** `ansible` only: where the module and its module_utils come from (what the payload is built from). */
  ansible?: AnsibleModuleSource;
}

/** The resolution of a built-in module's canonical name (the compiler's, and the runner's facts task). */
export function resolvedBuiltin(name: BuiltinName): ResolvedModule {
  const entry = builtinModules[name];
  return { name, kind: 'builtin', runsOn: entry.definition.runsOn, file: entry.file };
}

/**
 * Resolves a module name as written in a task: a built-in (any spelling), else a file `<short>.ts` or
 * `<short>.js` in one of `localDirs` (the playbook's `modules/` folder), else undefined.
 */
export function resolveModule(written: string, localDirs: readonly string[]): ResolvedModule | undefined {
  const entry = findBuiltin(written);
  if (entry) return resolvedBuiltin(entry.definition.name as BuiltinName);
  const { short } = parseModuleName(written);
  for (const dir of localDirs)
    for (const extension of ['.ts', '.js']) {
      const file = join(dir, `${short}${extension}`);
      if (existsSync(file)) return { name: short, kind: 'local', runsOn: 'remote', file };
    }
  return undefined;
}
