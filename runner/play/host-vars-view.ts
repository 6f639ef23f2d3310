import { containsTemplate } from '../../dsl/template/has-template.js';
import type { Templar } from '../../dsl/template/templar.js';

/**
 * One host's entry of `hostvars`, as Ansible's HostVarsVars: a value holding a template is rendered, with that
 * host's variables over `magic` (its `groups`, `hostvars` …), when it is looked up (`hostvars['web1']['url']` gives
 * the URL, not `{{ scheme }}://…`). A text whose variables are not that host's (a role's or play's) stays as written.
 */
export function hostVarsView(
  vars: Record<string, unknown>,
  templar: Templar,
  magic: () => Record<string, unknown>,
): Record<string, unknown> {
  const render = (raw: unknown) => templar.renderKeepingUndefined(raw, { ...magic(), ...vars });
  return new Proxy(vars, {
    get: (target, name) => {
      const raw = Reflect.get(target, name);
      return typeof name === 'string' && containsTemplate(raw) ? render(raw) : raw;
    },
    getOwnPropertyDescriptor: (target, name) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, name);
      return descriptor &&
        'value' in descriptor &&
        typeof name === 'string' &&
        containsTemplate(descriptor.value)
        ? { ...descriptor, value: render(descriptor.value) }
        : descriptor;
    },
  });
}
