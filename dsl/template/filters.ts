import { homedir } from 'node:os';
import { posix } from 'node:path';
import type nunjucks from 'nunjucks';
import { asText } from '../vault/vaulted.js';
import { withKeywords } from './filter-keywords.js';
import { dataFilters } from './filters-data.js';
import { encodingFilters } from './filters-encoding.js';
import { jinjaFilters } from './filters-jinja.js';
import { mathFilters } from './filters-math.js';
import { setFilters } from './filters-sets.js';
import { textFilters } from './filters-text.js';
import { pyFormat } from './python-format.js';
import { pyStr } from './python-repr.js';
import { pyTruth } from './python-runtime.js';
import { pyYamlDump } from './python-yaml.js';
import { tests } from './tests.js';

type Env = nunjucks.Environment & {
  addTest(name: string, fn: (value: unknown, ...args: unknown[]) => boolean): void;
  getTest(name: string): (value: unknown, ...args: unknown[]) => boolean;
};

function attribute(item: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      item,
    );
}

/** Installs Ansible's filters and tests (beyond nunjucks' own) on an environment. */
export function installFilters(env: Env): void {
  const test = (name: string) => tests[name] ?? env.getTest(name);
  const filters: Record<string, (...args: never[]) => unknown> = {
    string: (v: unknown) => pyStr(v),
    format: (v: unknown, ...args: unknown[]) => pyFormat(String(v), ...args),
    to_yaml: withKeywords(
      ['indent', 'default_flow_style', 'width'],
      (v: unknown, indent?: number, flow?: boolean | null, width?: number) =>
        pyYamlDump(v, { indent, flow: flow === undefined ? null : flow, width }),
    ),
    to_nice_yaml: withKeywords(
      ['indent', 'default_flow_style', 'width'],
      (v: unknown, indent = 4, flow = false, width?: number) => pyYamlDump(v, { indent, flow, width }),
    ),
    basename: (v: unknown) => posix.basename(String(v)),
    expanduser: (v: unknown) => String(v).replace(/^~(?=\/|$)/, homedir()),
    dirname: (v: unknown) => posix.dirname(String(v)),
    map: (v: unknown[], ...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first && typeof first === 'object')
        return (v ?? []).map((i) => attribute(i, String((first as { attribute: string }).attribute)));
      const filter = env.getFilter(String(first));
      return (v ?? []).map((i) => filter(i, ...rest));
    },
    selectattr: (v: unknown[], attr: string, name?: string, ...args: unknown[]) =>
      (v ?? []).filter((i) => (name ? test(name)(attribute(i, attr), ...args) : pyTruth(attribute(i, attr)))),
    rejectattr: (v: unknown[], attr: string, name?: string, ...args: unknown[]) =>
      (v ?? []).filter(
        (i) => !(name ? test(name)(attribute(i, attr), ...args) : pyTruth(attribute(i, attr))),
      ),
    split: (v: unknown, separator?: string) =>
      separator === undefined ? String(v).trim().split(/\s+/) : String(v).split(separator),
  };
  const all = {
    ...filters,
    ...setFilters,
    ...textFilters,
    ...dataFilters,
    ...encodingFilters,
    ...mathFilters,
    ...jinjaFilters,
  };
  for (const [name, fn] of Object.entries(all)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  for (const [name, fn] of Object.entries(tests)) env.addTest(name, fn);
  decryptArguments(env);
}

/** Filters that take a vaulted value as it is (Ansible hands them the encrypted object). */
const FILTERS_TAKING_VAULTED = new Set(['type_debug', 'unvault', 'vault', 'to_yaml', 'to_nice_yaml']);
/** Tests that see a vaulted value as it is: it is `vault_encrypted`, and not a `string`. */
const TESTS_TAKING_VAULTED = new Set(['vault_encrypted', 'string']);

/**
 * Every other filter and test (nunjucks' own too) receives a decryptable vaulted value as its plaintext, as
 * Ansible's filters read AnsibleVaultEncryptedUnicode as text.
 */
function decryptArguments(env: Env): void {
  const tables = env as unknown as {
    filters: Record<string, (...args: unknown[]) => unknown>;
    tests: Record<string, (...args: unknown[]) => unknown>;
  };
  const wrap = [
    [tables.filters, FILTERS_TAKING_VAULTED],
    [tables.tests, TESTS_TAKING_VAULTED],
  ] as const;
  for (const [table, keep] of wrap)
    for (const [name, fn] of Object.entries(table)) {
      if (keep.has(name)) continue;
      table[name] = function (this: unknown, ...args: unknown[]) {
        return fn.apply(this, args.map(asText));
      };
    }
}
