import type { ModuleResult } from '../../modules/contract/define-module.js';
import type { ActionContext } from './action-context.js';

/**
 * The controller half of a module (Ansible's action plugin), one file per module in this folder, registered by
 * module name in `controllerActions` (index.ts). A task runs prepare → validate → call → finish: `prepare`
 * sees the validated arguments and returns the module's hand-over arguments (declared next to its schema);
 * `finish` turns the host's result into the task's.
 */
export interface ControllerAction<Args, HandOver> {
  /** Before the call: finds, reads, renders or offers controller files; a throw fails the task with its message. */
  prepare?(args: Args, ctx: ActionContext): HandOver;
  /** After the call: e.g. fetch writes the file the host sent; its own errors become the task's failure. */
  finish?(args: Args & HandOver, result: ModuleResult, options: { check: boolean }): Promise<ModuleResult>;
}
