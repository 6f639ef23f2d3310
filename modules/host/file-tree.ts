import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of a directory tree that copy ships: what the far side needs to decide without the bytes. */
export interface TreeEntry {
  /** Relative to the tree's root, `/`-separated; parents come before their children. */
  path: string;
  type: 'directory' | 'file';
  mode: number;
  size: number;
  /** SHA-1 of a file's content (Ansible's `checksum`). */
  sha1?: string;
}

/** SHA-1 of a file, read in 1 MiB pieces so large files do not fill memory. */
export function fileSha1(path: string): string {
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Lists a directory tree (symbolic links followed, like Ansible's `local_follow`), sorted so parents precede
 * children; sockets, fifos and devices are skipped. Runs on the controller (copy's `src`) and on hosts
 * (`remote_src`).
 */
export function listTree(root: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const st = statSync(join(root, path));
      if (st.isDirectory()) {
        out.push({ path, type: 'directory', mode: st.mode & 0o7777, size: 0 });
        walk(path);
      } else if (st.isFile()) {
        const sha1 = fileSha1(join(root, path));
        out.push({ path, type: 'file', mode: st.mode & 0o7777, size: st.size, sha1 });
      }
    }
  };
  walk('');
  return out;
}
