import { readFileSync, statSync } from 'node:fs';
import { INLINE_FILE_LIMIT } from '../../bootstrap/protocol.js';
import { splitCommand } from '../../modules/host/exec.js';
import { type ActionContext, findControllerFile } from './action-context.js';

/**
 * The controller half of `script`: finds the script named by the first word of `cmd` like copy's `src`
 * (role `files/`, playbook `files/`, then relative to the playbook) and ships it: inline when small, offered
 * to the file service otherwise.
 */
export function prepareScript(args: Record<string, unknown>, ctx: ActionContext): Record<string, unknown> {
  if (typeof args.cmd !== 'string') return args;
  const [name] = splitCommand(args.cmd);
  if (!name) throw new Error('no script given: the first word of the free-form text names the script');
  const path = findControllerFile(name, 'files', ctx);
  if (!statSync(path).isFile()) throw new Error(`${path} is not a regular file`);
  if (statSync(path).size <= INLINE_FILE_LIMIT)
    return { ...args, _src_path: path, _data: readFileSync(path) };
  ctx.offerFile(path);
  return { ...args, _src_path: path };
}
