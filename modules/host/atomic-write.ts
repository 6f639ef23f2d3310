import { randomBytes } from 'node:crypto';
import { chmod, chown, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Ownership and mode applied to the temp file before it replaces the destination. */
export interface WriteAttributes {
  mode?: number;
  uid?: number;
  gid?: number;
  /** The owner is only being preserved (not asked for): like Ansible, a refused chown (EPERM) is not an error. */
  ownerBestEffort?: boolean;
  /** Runs on the finished temp file before the rename (copy's `validate`); a throw leaves `path` untouched. */
  beforeRename?: (temp: string) => Promise<void>;
}

/**
 * Writes `data` to `path` without ever exposing a half-written file: a temp file in the same directory,
 * fsynced, given its mode and owner, then renamed into place. A crash leaves the old file intact (and at most
 * a `.spindle-tmp-*` file, which the next write of the same path does not depend on).
 */
export async function atomicWrite(
  path: string,
  data: Uint8Array | string,
  attributes: WriteAttributes = {},
): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', attributes.mode ?? 0o666);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  await commitTemp(temp, path, attributes);
}

/** A fresh temp path beside `path` (same directory, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.spindle-tmp-${randomBytes(6).toString('hex')}`);
}

/** Gives a finished temp file its mode and owner, runs `beforeRename`, and renames it over `dest`; on any
 * failure the temp file is removed and `dest` is left as it was. */
export async function commitTemp(temp: string, dest: string, attributes: WriteAttributes): Promise<void> {
  try {
    if (attributes.mode !== undefined) await chmod(temp, attributes.mode);
    if (attributes.uid !== undefined || attributes.gid !== undefined) {
      try {
        await chown(temp, attributes.uid ?? -1, attributes.gid ?? -1);
      } catch (error) {
        if (!attributes.ownerBestEffort || (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
      }
    }
    await attributes.beforeRename?.(temp);
    await rename(temp, dest);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
