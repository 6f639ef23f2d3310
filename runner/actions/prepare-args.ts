import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { INLINE_FILE_LIMIT } from '../../bootstrap/protocol.js';
import type { TaskNode } from '../../dsl/graph.js';
import type { Templar } from '../../dsl/template/templar.js';
import { isVaultText } from '../../dsl/vault/index.js';
import { listTree } from '../../modules/util/file-tree.js';
import { prepareFetch } from './prepare-fetch.js';
import { prepareScript } from './prepare-script.js';

/** What a controller action needs: where the playbook lives, the task's role, the templar and vars. */
export interface ActionContext {
  playbookDir: string;
  task: TaskNode;
  templar: Templar;
  vars: Record<string, unknown>;
  /** Allows contexts to stream a controller file (the master's file service). */
  offerFile(path: string): void;
  /** The routers' largest message (bootstrap `maxMessageSize`): what one reply can carry. */
  maxMessageSize?: number;
}

/** Finds a controller file like Ansible: the role's `files/` (or `templates/`), the playbook's, then as given. */
export function findControllerFile(
  name: string,
  kind: 'files' | 'templates',
  ctx: Pick<ActionContext, 'playbookDir' | 'task'>,
): string {
  if (isAbsolute(name)) return name;
  const candidates = [
    ...(ctx.task.role ? [join(ctx.task.role.path, kind, name), join(ctx.task.role.path, name)] : []),
    join(ctx.playbookDir, kind, name),
    join(ctx.playbookDir, name),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`could not find ${name} (searched ${candidates.join(', ')})`);
  return resolve(found);
}

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
