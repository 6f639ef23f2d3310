import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, normalize, resolve, sep } from 'node:path';
import { DEFAULT_MAX_MESSAGE_SIZE } from '../../bootstrap/protocol.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { FetchHandOver } from '../../modules/fetch.js';
import type { ModuleArgs } from '../../modules/registry.js';
import type { ActionContext } from './action-context.js';
import type { ControllerAction } from './controller-action.js';
import { finishFetch } from './fetch-finish.js';

/** Room left in a reply for everything but the file's bytes (result keys, codec framing). */
const REPLY_HEADROOM = 64 * 1024;

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/**
 * Where a fetched file goes on the controller (Ansible's rules): with `flat`, `dest` itself (or `dest/` +
 * the source's basename); otherwise `dest/<inventory_hostname>/<src path>`. Relative destinations are under
 * the playbook's folder. Unlike Ansible, a `src` with `..` may not climb out of `dest/<host>/`.
 */
export function fetchDestination(
  args: { src: string; dest: string; flat?: boolean },
  host: string,
  playbookDir: string,
): string {
  const dest = expandHome(args.dest);
  if (args.flat) {
    if (!dest.endsWith('/') && isDirectory(resolve(playbookDir, dest)))
      throw new Error(
        'dest is an existing directory, use a trailing slash if you want to fetch src into that directory',
      );
    const file = dest.endsWith('/') ? join(dest, basename(args.src)) : dest;
    return normalize(resolve(playbookDir, file));
  }
  return withinHostFolder(join(resolve(playbookDir, dest), host), args.src);
}

/** `base/src` normalized, refused when `src` (`../..`) would climb out of `base`. */
export function withinHostFolder(base: string, src: string): string {
  const path = normalize(`${base}/${src}`);
  if (!path.startsWith(base + sep))
    throw new Error(`Detected directory traversal, expected to be contained in '${base}' but got '${path}'`);
  return path;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function checksumOf(path: string): string | null {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return null;
  }
}

/**
 * The controller half of `fetch` before the call: the destination, its current SHA-1 (so the host sends the
 * bytes only when they differ: one round trip, no transfer when unchanged), and the largest size a reply can
 * carry. A `~` source with `flat: no` names a path only the host can expand: then the folder is sent instead.
 */
export function prepareFetch(
  args: Pick<ModuleArgs<'fetch'>, 'src' | 'dest'> & { flat?: boolean },
  ctx: ActionContext,
): FetchHandOver {
  const { src, dest } = args;
  const host = String(ctx.vars.inventory_hostname ?? 'localhost');
  const maxSize = (ctx.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE) - REPLY_HEADROOM;
  const flat = isAnsibleTrue(args.flat);
  if (!flat && src.startsWith('~'))
    return { _dest_base: join(resolve(ctx.playbookDir, expandHome(dest)), host), _max_size: maxSize };
  const path = fetchDestination({ src, dest, flat }, host, ctx.playbookDir);
  return { _dest: path, _dest_checksum: checksumOf(path), _max_size: maxSize };
}

/** The controller half of `fetch`: where the file goes before the call, writing it after (fetch-finish.ts). */
export const fetchAction: ControllerAction<ModuleArgs<'fetch'>, FetchHandOver> = {
  prepare: prepareFetch,
  finish: (args, result, options) => finishFetch(args, result, options.check),
};
