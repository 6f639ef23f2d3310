import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ModuleResult } from '../../modules/contract/define-module.js';
import type { FetchHandOver } from '../../modules/fetch.js';
import { atomicWrite } from '../../modules/host/atomic-write.js';
import { failResult } from '../../modules/task-result.js';
import { withinHostFolder } from './fetch.js';

type Result = Record<string, unknown>;

/** What finishing reads of the task's arguments: the hand-over and `validate_checksum`. */
type Prepared = FetchHandOver & { validate_checksum?: boolean };

const hash = (algorithm: 'sha1' | 'md5', data: Uint8Array) =>
  createHash(algorithm).update(data).digest('hex');

async function localChecksum(path: string): Promise<string | null> {
  try {
    return hash('sha1', await readFile(path));
  } catch {
    return null;
  }
}

/**
 * The controller half of `fetch` after the call: takes the file's bytes off the result (they never reach
 * registered variables or JSON output), checks them against the host's SHA-1, and writes them atomically to
 * the path the controller chose (never one the host names, except under `dest/<host>/` for `~` sources).
 */
async function writeFetched(prepared: Prepared, result: Result, check: boolean): Promise<Result> {
  const { _content: content, ...out } = result;
  if (out.failed) return out;
  let dest = prepared._dest as string | undefined;
  if (dest === undefined && typeof prepared._dest_base === 'string' && typeof out.file === 'string') {
    dest = withinHostFolder(prepared._dest_base, out.file);
    out.dest = dest;
    // The host could not compare (it did not know the path): decide here.
    if (out.remote_checksum !== undefined && (await localChecksum(dest)) === out.remote_checksum) {
      delete out.remote_checksum;
      return { ...out, changed: false, msg: `${dest} already has the content of ${out.file}` };
    }
  }
  if (!(content instanceof Uint8Array) || check || dest === undefined) return out;
  const checksum = hash('sha1', content);
  if (prepared.validate_checksum !== false && checksum !== out.remote_checksum)
    return { ...out, ...failResult('checksum mismatch', { checksum, dest }) };
  await mkdir(dirname(dest), { recursive: true });
  await atomicWrite(dest, content);
  return { ...out, changed: true, dest, checksum, md5sum: hash('md5', content) };
}

/**
 * The controller half of `fetch` after the call; its own errors (a directory in the way, a full disk) become
 * the task's failure, and the bytes never reach the result either way.
 */
export async function finishFetch(
  prepared: Prepared,
  result: ModuleResult,
  check: boolean,
): Promise<ModuleResult> {
  try {
    return (await writeFetched(prepared, result, check)) as ModuleResult;
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const { _content, ...out } = result;
    return { ...out, ...failResult(`fetch: ${err.message}${err.code ? ` (${err.code})` : ''}`) };
  }
}
