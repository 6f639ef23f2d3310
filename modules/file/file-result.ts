import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { groupNameOf, userNameOf } from '../host/accounts.js';

/**
 * The result fields of Ansible's `file` module, which playbooks read (`result.diff.before.src`, `result.mode`):
 * its `diff` as a before/after pair of dicts, and the facts AnsibleModule adds about the path it returns.
 */

/** Ansible's `diff` of `file`: the path, its state when that changes, and each attribute that changes. */
export interface FileDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** What a removed directory held (Ansible's `path_content`): every directory and file below it, walk order. */
export interface DirectoryContent {
  directories: string[];
  files: string[];
}

/** A mode as Ansible writes it in results and diffs: `0` then at least three octal digits (`0644`, `04755`). */
export function ansibleMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** The diff every state starts from (Ansible's initial_diff): the path, and the state when it changes. */
export function initialDiff(
  path: string,
  wanted: string,
  prev: string,
  content?: DirectoryContent,
): FileDiff {
  const diff: FileDiff = { before: { path }, after: { path } };
  if (prev === wanted) return diff;
  diff.before.state = prev;
  diff.after.state = wanted;
  if (wanted === 'absent' && prev === 'directory' && content) diff.before.path_content = content;
  return diff;
}

/** Records one changed attribute on both sides of a diff. */
export function diffAttribute(diff: FileDiff, name: string, before: unknown, after: unknown): void {
  diff.before[name] = before;
  diff.after[name] = after;
}

/**
 * The directories and files below `root`, as Python's `os.walk` lists them top-down: each directory's
 * subdirectories (links to directories among them, not entered), then its files, then its subdirectories' trees.
 */
export async function directoryContent(root: string): Promise<DirectoryContent> {
  const content: DirectoryContent = { directories: [], files: [] };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const below: string[] = [];
    const here = new Set<string>();
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const isDir =
        entry.isDirectory() ||
        (entry.isSymbolicLink() &&
          (await stat(path)
            .then((s) => s.isDirectory())
            .catch(() => false)));
      if (!isDir) continue;
      here.add(path);
      content.directories.push(path);
      if (entry.isDirectory()) below.push(path);
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (!here.has(path)) content.files.push(path);
    }
    for (const path of below) await walk(path);
  };
  await walk(root);
  return content;
}

/**
 * What AnsibleModule adds to a result about the path it names (add_path_info), when that path exists (through
 * links): owner and group by id and name, mode, state and size of the path itself.
 */
export async function pathFacts(path: string): Promise<Record<string, unknown>> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) return {};
  const own = await lstat(path);
  const state = own.isSymbolicLink()
    ? 'link'
    : own.isDirectory()
      ? 'directory'
      : (await stat(path)).nlink > 1
        ? 'hard'
        : 'file';
  return {
    uid: own.uid,
    gid: own.gid,
    owner: userNameOf(own.uid) ?? String(own.uid),
    group: groupNameOf(own.gid) ?? String(own.gid),
    mode: ansibleMode(own.mode),
    state,
    size: own.size,
  };
}
