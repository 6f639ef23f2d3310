import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CopyHandOver } from '../../modules/copy/copy.js';
import { listTree } from '../../modules/host/file-tree.js';
import type { ModuleArgs } from '../../modules/registry.js';
import { findControllerFile } from './action-context.js';
import type { ControllerAction } from './controller-action.js';
import { controllerFile } from './controller-file.js';

/**
 * The controller half of `copy`: a controller `src` is found (role `files/`, playbook `files/` …) and handed
 * over inline when small, offered to the file service when large; a directory travels as its list of entries.
 */
export const copyAction: ControllerAction<ModuleArgs<'copy'>, CopyHandOver> = {
  prepare(args, ctx) {
    if (typeof args.src !== 'string' || args.remote_src || args.content !== undefined) return {};
    const path = findControllerFile(args.src, 'files', ctx);
    if (statSync(path).isDirectory()) {
      // Only the list travels now; the host fetches the files that differ (DESIGN: file service).
      const tree = listTree(path);
      for (const entry of tree) if (entry.type === 'file') ctx.offerFile(join(path, entry.path));
      return { _src_path: path, _tree: tree };
    }
    return controllerFile(path, ctx);
  },
};
