import type { ControllerFileHandOver } from '../../modules/contract/hand-over.js';
import type { ModuleArgs } from '../../modules/registry.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';
import { controllerFile } from './controller-file.js';

/** The controller half of `unarchive`: a controller archive is handed over like copy's `src` (no URLs yet). */
export const unarchiveAction: ControllerAction<ModuleArgs<'unarchive'>, ControllerFileHandOver> = {
  prepare(args, ctx) {
    if (args.remote_src || args.copy === false) return {};
    if (args.src.includes('://'))
      throw new Error(`unarchive: downloading src from a URL is not supported (${args.src})`);
    return controllerFile(findControllerFile(args.src, 'files', ctx), ctx);
  },
};
