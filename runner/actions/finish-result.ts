import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failResult } from '../../modules/task-result.js';
import { atomicWrite } from '../../modules/util/atomic-write.js';
import { withinHostFolder } from './prepare-fetch.js';

type Result = Record<string, unknown>;

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
async function finishFetch(prepared: Result, result: Result, check: boolean): Promise<Result> {
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

/** Runs the controller-side finishing step of a remote module's result, if the module has one (`fetch`). */
export async function finishResult(
  module: string,
  prepared: Result,
  result: Result,
  options: { check: boolean },
): Promise<Result> {
  if (module !== 'fetch') return result;
  try {
    return await finishFetch(prepared, result, options.check);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const { _content, ...out } = result;
    return { ...out, ...failResult(`fetch: ${err.message}${err.code ? ` (${err.code})` : ''}`) };
  }
}
