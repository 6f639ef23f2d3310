import { z } from 'zod';
import { defineModule } from './contract/define-module.js';

const args = z.record(
  // A name may be a template (`"{{ item }}": 1`, `set_fact: "{{ k }}=v"`): the runner renders it before this check.
  z.string().regex(/^([A-Za-z_][A-Za-z0-9_]*|.*\{\{.*)$/, { message: 'Expected a variable name' }),
  z.unknown(),
);

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
    return { ansible_facts: facts };
  },
});
