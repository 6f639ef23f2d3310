import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { moduleDocumentation } from '../../dsl/ansible/documentation.js';
import { resolveAnsibleModule } from '../../dsl/ansible/resolve.js';
import { argumentAliases } from '../../modules/contract/aliases.js';
import { findBuiltin } from '../../modules/registry.js';

/** modules/ansible-options.json, written by scripts/ansible-options.py from ansible-core's documentation. */
interface Documented {
  ansible: string;
  modules: Record<string, Record<string, { type: string; aliases: string[]; required?: boolean }>>;
}

const documented = JSON.parse(
  readFileSync(new URL('../../modules/ansible-options.json', import.meta.url), 'utf8'),
) as Documented;

/** Options that name the free-form text of a module in Ansible's docs, not a key a task writes. */
const FREE_FORM = new Set(['free_form', 'free-form']);

function isRecord(schema: unknown): boolean {
  return (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'record';
}

function objectKeys(schema: unknown): string[] {
  let current: unknown = schema;
  for (let i = 0; i < 6 && current; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) break;
    if (def.shape) return Object.keys(def.shape as object);
    current = def.out ?? def.in ?? def.innerType ?? def.schema;
  }
  return [];
}

/** The options and aliases of `options` that the built-in module `name` would reject. */
function rejectedBy(name: string, options: Record<string, { aliases?: unknown[] }>): string[] {
  const entry = findBuiltin(name);
  expect(entry, `${name} is built in`).toBeDefined();
  const definition = entry!.definition;
  // set_fact's schema is a record: any variable name is an argument (`key_value` and `cacheable` too).
  if (isRecord(definition.args)) return [];
  const accepted = new Set([
    ...objectKeys(definition.args),
    ...Object.keys(argumentAliases(definition.args)),
    ...Object.keys(definition.ignoredArgs ?? {}),
  ]);
  const rejected: string[] = [];
  for (const [option, spec] of Object.entries(options)) {
    if (FREE_FORM.has(option)) {
      if (!definition.freeForm) rejected.push(option);
      continue;
    }
    for (const spelling of [option, ...(spec?.aliases ?? []).map(String)])
      if (!accepted.has(spelling)) rejected.push(spelling);
  }
  return rejected;
}

describe('built-in modules accept what ansible-core documents', () => {
  for (const [name, options] of Object.entries(documented.modules)) {
    it(`accepts every option and alias of ${name} that ${documented.ansible} documents`, () => {
      expect(rejectedBy(name, options).join(' ')).toBe('');
    });
  }
});

const installed = resolveAnsibleModule('ansible.builtin.copy', import.meta.dirname)?.source !== undefined;

describe.skipIf(!installed)("built-in modules accept what this controller's ansible-core documents", () => {
  for (const name of Object.keys(documented.modules)) {
    it(`accepts every option and alias in the DOCUMENTATION of ansible.builtin.${name} (with its fragments)`, () => {
      const ref = resolveAnsibleModule(`ansible.builtin.${name}`, import.meta.dirname);
      const doc = ref && moduleDocumentation(ref, import.meta.dirname);
      expect(doc?.complete, `${name}: DOCUMENTATION and every fragment read`).toBe(true);
      expect(rejectedBy(name, doc!.options).join(' ')).toBe('');
    });
  }
});
