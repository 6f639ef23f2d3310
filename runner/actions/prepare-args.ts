import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INLINE_FILE_LIMIT } from '../../bootstrap/protocol.js';
import { isVaultText } from '../../dsl/vault/index.js';
import { listTree } from '../../modules/host/file-tree.js';
import { type ActionContext, findControllerFile } from './action-context.js';
import { prepareFetch } from './prepare-fetch.js';
import { prepareScript } from './prepare-script.js';

/**
 * The controller halves of modules: renders `template` sources, reads or offers `copy` sources. Returns the
 * arguments the remote module receives.
 */
export function prepareArguments(
  module: string,
  args: Record<string, unknown>,
  ctx: ActionContext,
): Record<string, unknown> {
  if (module === 'template' && typeof args.src === 'string') {
    const path = findControllerFile(args.src, 'templates', ctx);
    return {
      ...args,
      _content: ctx.templar.renderFile(path, ctx.vars, {
        task: ctx.task.name,
        location: ctx.task.location,
        rolePath: ctx.task.role?.path,
      }),
    };
  }
  if (module === 'copy' && typeof args.src === 'string' && !args.remote_src && args.content === undefined) {
    const path = findControllerFile(args.src, 'files', ctx);
    if (statSync(path).isDirectory()) {
      // Only the list travels now; the host fetches the files that differ (DESIGN: file service).
      const tree = listTree(path);
      for (const entry of tree) if (entry.type === 'file') ctx.offerFile(join(path, entry.path));
      return { ...args, _src_path: path, _tree: tree };
    }
    return { ...args, ...controllerFile(path, ctx) };
  }
  if (module === 'unarchive' && typeof args.src === 'string' && !args.remote_src) {
    if (args.src.includes('://'))
      throw new Error(`unarchive: downloading src from a URL is not supported (${args.src})`);
    return { ...args, ...controllerFile(findControllerFile(args.src, 'files', ctx), ctx) };
  }
  if (module === 'script') return prepareScript(args, ctx);
  if (module === 'fetch') return prepareFetch(args, ctx);
  return args;
}

/** Whether a controller file is vault-encrypted (then it is decrypted here and travels inline, like Ansible's). */
function isVaultFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(32);
    return isVaultText(head.subarray(0, readSync(fd, head, 0, 32, 0)).toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

/** How a controller file travels: inline when small, otherwise offered to the file service for streaming. */
function controllerFile(
  path: string,
  ctx: Pick<ActionContext, 'offerFile' | 'templar'>,
): Record<string, unknown> {
  if (isVaultFile(path))
    return { _src_path: path, _data: ctx.templar.vault.fileText(readFileSync(path), path) };
  if (statSync(path).size <= INLINE_FILE_LIMIT) return { _src_path: path, _data: readFileSync(path) };
  ctx.offerFile(path);
  return { _src_path: path };
}
