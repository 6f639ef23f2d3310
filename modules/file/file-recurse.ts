import { chmod, lchown, lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { resolveMode } from '../host/modes.js';

/**
 * `file` with `recurse: true` (Ansible's recursive_set_attributes): mode, owner and group applied to everything
 * below a directory; with `follow`, links are followed to their targets (and into linked directories).
 */

/** One path below the directory, as `lstat` sees it. */
export interface TreeItem {
  path: string;
  kind: 'file' | 'directory' | 'link' | 'other';
  mode: number;
  uid: number;
  gid: number;
}

/** What must change on one path. */
export interface AttrChange {
  path: string;
  /** Links themselves get no mode (Linux has no lchmod); only their owner and group. */
  mode?: number;
  uid?: number;
  gid?: number;
}

async function item(path: string): Promise<TreeItem> {
  const st = await lstat(path);
  const kind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'link' : 'other';
  return { path, kind, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

/** Lists everything below `root` (not `root` itself), parents first; read-only. */
export async function probeRecurse(root: string, follow: boolean): Promise<TreeItem[]> {
  const out: TreeItem[] = [];
  const seen = new Set<string>([await realpath(root)]);
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const entry = await item(join(dir, name));
      out.push(entry);
      if (entry.kind === 'directory') await walk(entry.path);
      if (entry.kind !== 'link' || !follow) continue;
      // As Ansible: the target is the link's text resolved from the link's directory; a missing one is skipped.
      const target = resolve(dirname(entry.path), await readlink(entry.path));
      const real = await realpath(target).catch(() => undefined);
      if (real === undefined || seen.has(real)) continue;
      seen.add(real);
      const followed = await item(real);
      out.push(followed);
      if (followed.kind === 'directory') await walk(real);
    }
  };
  await walk(root);
  return out;
}

/** The wanted attributes of one path, or undefined when it already has them. Pure. */
export function itemChange(
  entry: Pick<TreeItem, 'path' | 'kind' | 'mode' | 'uid' | 'gid'>,
  mode: string | number | undefined,
  uid: number | undefined,
  gid: number | undefined,
): AttrChange | undefined {
  const wantMode =
    entry.kind === 'link' ? undefined : resolveMode(mode, entry.mode, entry.kind === 'directory');
  const change: AttrChange = { path: entry.path };
  if (wantMode !== undefined && wantMode !== entry.mode) change.mode = wantMode;
  if (uid !== undefined && uid !== entry.uid) change.uid = uid;
  if (gid !== undefined && gid !== entry.gid) change.gid = gid;
  return Object.keys(change).length > 1 ? change : undefined;
}

/** Pure: what changes below the directory (Ansible's recursion reports no diff of it). */
export function planRecurse(
  items: TreeItem[],
  mode: string | number | undefined,
  uid: number | undefined,
  gid: number | undefined,
): { changes: AttrChange[] } {
  return { changes: items.flatMap((entry) => itemChange(entry, mode, uid, gid) ?? []) };
}

/** Applies the planned changes, parents first (as Ansible's walk does). */
export async function applyRecurse(changes: AttrChange[]): Promise<void> {
  for (const change of changes) {
    if (change.uid !== undefined || change.gid !== undefined)
      await lchown(change.path, change.uid ?? -1, change.gid ?? -1);
    if (change.mode !== undefined) await chmod(change.path, change.mode);
  }
}
