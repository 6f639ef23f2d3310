import type { EnvironmentValue } from '../../dsl/graph.js';
import type { Templar, TemplateWhere } from '../../dsl/template/templar.js';
import { TemplateError } from '../../dsl/template/templar.js';

/**
 * A task's `environment:` (its play's, blocks' and its own, outermost first, later keys winning) rendered entry
 * by entry, as Ansible does: an entry that needs `ansible_env` before facts exist (the play's environment
 * during fact gathering) is left out; every other error stands.
 */
export function renderEnvironment(
  templar: Templar,
  environment: EnvironmentValue,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): unknown {
  if (Array.isArray(environment)) {
    const merged: Record<string, unknown> = {};
    for (const layer of environment) {
      const rendered = renderEnvironment(templar, layer, vars, where);
      if (rendered && typeof rendered === 'object' && !Array.isArray(rendered))
        Object.assign(merged, rendered);
    }
    return merged;
  }
  if (typeof environment === 'string') return templar.render(environment, vars, where);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(environment)) {
    try {
      out[key] = templar.render(value, vars, where);
    } catch (error) {
      const needsEnvFacts =
        error instanceof TemplateError && /ansible_env|ansible_facts\.env/.test(error.message);
      if (!needsEnvFacts) throw error;
    }
  }
  return out;
}
