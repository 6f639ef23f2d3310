import { chmod, lchown, lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DiffEntry } from '../contract/define-module.js';
import { formatMode, resolveMode } from '../host/modes.js';

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
  before: string;
  after: string;
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
  const change: AttrChange = { path: entry.path, before: '', after: '' };
  const before: string[] = [];
  const after: string[] = [];
  if (wantMode !== undefined && wantMode !== entry.mode) {
    change.mode = wantMode;
    before.push(`mode ${formatMode(entry.mode)}`);
    after.push(`mode ${formatMode(wantMode)}`);
  }
  if (uid !== undefined && uid !== entry.uid) {
    change.uid = uid;
    before.push(`uid ${entry.uid}`);
    after.push(`uid ${uid}`);
  }
  if (gid !== undefined && gid !== entry.gid) {
    change.gid = gid;
    before.push(`gid ${entry.gid}`);
    after.push(`gid ${gid}`);
  }
  if (before.length === 0) return undefined;
  change.before = before.join(', ');
  change.after = after.join(', ');
  return change;
}

/** At most this many paths are listed in the diff; the rest are counted. */
export const RECURSE_DIFF_LIMIT = 20;

/** Pure: what changes below the directory, and the (capped) diff listing it. */
export function planRecurse(
  items: TreeItem[],
  mode: string | number | undefined,
  uid: number | undefined,
  gid: number | undefined,
  root: string,
): { changes: AttrChange[]; diff?: DiffEntry } {
  const changes = items.flatMap((entry) => itemChange(entry, mode, uid, gid) ?? []);
  if (changes.length === 0) return { changes };
  const shown = changes.slice(0, RECURSE_DIFF_LIMIT);
  const more = changes.length - shown.length;
  const tail = more > 0 ? [`… and ${more} more`] : [];
  const rel = (p: string) => (p.startsWith(`${root}/`) ? p.slice(root.length + 1) : p);
  return {
    changes,
    diff: {
      path: `${root} (recursively)`,
      kind: 'attributes',
      before: [...shown.map((c) => `${rel(c.path)}: ${c.before}`), ...tail].join('\n'),
      after: [...shown.map((c) => `${rel(c.path)}: ${c.after}`), ...tail].join('\n'),
    },
  };
}

/** Applies the planned changes, parents first (as Ansible's walk does). */
export async function applyRecurse(changes: AttrChange[]): Promise<void> {
  for (const change of changes) {
    if (change.uid !== undefined || change.gid !== undefined)
      await lchown(change.path, change.uid ?? -1, change.gid ?? -1);
    if (change.mode !== undefined) await chmod(change.path, change.mode);
  }
}
