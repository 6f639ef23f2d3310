import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';

/** What a file-family module needs to know about a path before deciding anything. */
export interface PathState {
  exists: boolean;
  kind?: 'file' | 'directory' | 'link' | 'other';
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  /** How many names the path has (a file with more than one is Ansible's `hard`). */
  nlink?: number;
  mtimeMs?: number;
  atimeMs?: number;
}

/** Reads a path's state without following a final symlink; a missing path is `{exists: false}`. */
export async function pathState(path: string): Promise<PathState> {
  try {
    const st = await lstat(path);
    const kind = st.isFile()
      ? 'file'
      : st.isDirectory()
        ? 'directory'
        : st.isSymbolicLink()
          ? 'link'
          : 'other';
    return {
      exists: true,
      kind,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      size: st.size,
      nlink: st.nlink,
      mtimeMs: st.mtimeMs,
      atimeMs: st.atimeMs,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    throw error;
  }
}

/** The content of a regular file, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** SHA-1 of bytes, hex (Ansible's `checksum`). */
export function sha1(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}
