import type { BuiltinName, ModuleArgs } from '../../modules/registry.js';
import type { ControllerAction } from './controller-action.js';
import { copyAction } from './copy.js';
import { fetchAction } from './fetch.js';
import { scriptAction } from './script.js';
import { templateAction } from './template.js';
import { unarchiveAction } from './unarchive.js';

/** The one map of controller halves, by module name: a module without an entry runs on the host alone. */
export const controllerActions: { [K in BuiltinName]?: ControllerAction<ModuleArgs<K>, object> } = {
  copy: copyAction,
  fetch: fetchAction,
  script: scriptAction,
  template: templateAction,
  unarchive: unarchiveAction,
};

/** The controller half of a compiled task's module, if it has one. */
export function controllerAction(
  name: string,
): ControllerAction<Record<string, unknown>, object> | undefined {
  return (controllerActions as Record<string, ControllerAction<Record<string, unknown>, object> | undefined>)[
    name
  ];
}
