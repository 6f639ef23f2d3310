import { z } from 'zod';
import { defineModule } from './contract/define-module.js';

const args = z.record(
  // A name may be a template (`"{{ item }}": 1`, `set_fact: "{{ k }}=v"`): the runner renders it before this check.
  z.string().regex(/^([A-Za-z_][A-Za-z0-9_]*|.*\{\{.*)$/, { message: 'Expected a variable name' }),
  z.unknown(),
);

/** As Ansible's set_fact: a text value `true`/`false`/`yes`/`no` (any case) becomes a boolean. */
function booleanText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  return value;
}

/** `set_fact`: set host variables for the rest of the play (runs on the controller; Ansible's `set_fact`). */
export const setFactModule = defineModule({
  name: 'set_fact',
  summary: 'Set host variables (facts) for the rest of the run.',
  runsOn: 'controller',
  idempotent: true,
  args,
  probe: async () => null,
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (a) => {
    const { cacheable: _cacheable, ...facts } = a as Record<string, unknown>;
    return { ansible_facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, booleanText(v)])) };
  },
});
