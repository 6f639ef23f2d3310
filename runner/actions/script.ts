import { statSync } from 'node:fs';
import type { ControllerFileHandOver } from '../../modules/contract/hand-over.js';
import { splitCommand } from '../../modules/host/exec.js';
import type { ModuleArgs } from '../../modules/registry.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';
import { controllerFile } from './controller-file.js';

/**
 * The controller half of `script`: finds the script named by the first word of `cmd` like copy's `src`
 * (role `files/`, playbook `files/`, then relative to the playbook) and hands it over: inline when small,
 * offered to the file service otherwise (never decrypted, see docs/modules/script.md).
 */
export const scriptAction: ControllerAction<ModuleArgs<'script'>, ControllerFileHandOver> = {
  prepare(args, ctx) {
    const [name] = splitCommand(args.cmd);
    if (!name) throw new Error('no script given: the first word of the free-form text names the script');
    const path = findControllerFile(name, 'files', ctx);
    if (!statSync(path).isFile()) throw new Error(`${path} is not a regular file`);
    return controllerFile(path, ctx, { decrypt: false });
  },
};
