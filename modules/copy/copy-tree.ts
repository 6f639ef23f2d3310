import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DiffEntry, ModuleFailure, type Plan } from '../contract/define-module.js';
import { gidOf, uidOf } from '../host/accounts.js';
import { atomicWrite } from '../host/atomic-write.js';
import { type PathState, pathState } from '../host/file-state.js';
import { fileSha1, type TreeEntry } from '../host/file-tree.js';
import { formatMode, resolveMode } from '../host/modes.js';

/** A directory copy: these entries under `base`, with these attributes (Ansible's recursive `copy`). */
export interface TreeTarget {
  src: string;
  base: string;
  entries: TreeEntry[];
  mode?: string | number;
  directoryMode?: string | number;
  owner?: string | number;
  group?: string | number;
  force: boolean;
}

/** Each entry's destination as it is now (parallel to `entries`), and new text for `--diff`. */
export interface TreeState {
  base: PathState;
  current: Array<{ path: PathState; sha1?: string }>;
  /** Old and new text of the files that differ (small ones, only when a diff was asked for), by relative path. */
  texts: Record<string, { before: string; after: string }>;
}

/** One change under the tree's base directory. */
export type TreeStep =
  | { do: 'mkdir'; path: string; mode?: number }
  | { do: 'put'; path: string; rel: string; mode?: number }
  | { do: 'set-mode'; path: string; mode: number }
  | { do: 'set-owner'; path: string; uid?: number; gid?: number };

const DIFF_LIMIT = 64 * 1024;

/** Reads what is at each destination path; hashes only files whose size already matches. */
export async function probeTree(
  target: TreeTarget,
  readSource: (rel: string) => Promise<Buffer>,
  wantDiff: boolean,
): Promise<TreeState> {
  const current: TreeState['current'] = [];
  const texts: TreeState['texts'] = {};
  for (const entry of target.entries) {
    const path = await pathState(join(target.base, entry.path));
    const same = path.kind === 'file' && entry.type === 'file' && path.size === entry.size;
    const sha1 = same ? fileSha1(join(target.base, entry.path)) : undefined;
    current.push({ path, sha1 });
    const small = entry.size <= DIFF_LIMIT && (path.size ?? 0) <= DIFF_LIMIT;
    if (wantDiff && entry.type === 'file' && path.kind !== 'directory' && sha1 !== entry.sha1 && small) {
      const old = path.kind === 'file' ? await readFile(join(target.base, entry.path), 'utf8') : '';
      texts[entry.path] = { before: old, after: (await readSource(entry.path)).toString('utf8') };
    }
  }
  return { base: await pathState(target.base), current, texts };
}

/** Decides which directories to create, files to write, and attributes to set; pure. */
export function planTree(target: TreeTarget, state: TreeState, wantDiff: boolean): Plan<TreeStep> {
  const steps: TreeStep[] = [];
  const diff: DiffEntry[] = [];
  const umasked = (bits: number) => bits & ~process.umask();
  const uid = target.owner !== undefined ? uidOf(target.owner) : undefined;
  const gid = target.group !== undefined ? gidOf(target.group) : undefined;
  const dirMode = resolveMode(target.directoryMode, umasked(0o777), true);
  const own = (path: string, now: PathState) => {
    if ((uid !== undefined && uid !== now.uid) || (gid !== undefined && gid !== now.gid))
      steps.push({ do: 'set-owner', path, uid, gid });
  };
  if (state.base.exists && state.base.kind !== 'directory')
    throw new ModuleFailure(
      `copy: ${target.base} exists and is not a directory; cannot copy ${target.src} into it`,
    );
  if (!state.base.exists) steps.push({ do: 'mkdir', path: target.base, mode: dirMode });
  own(target.base, state.base);
  target.entries.forEach((entry, i) => {
    const path = join(target.base, entry.path);
    const now = state.current[i].path;
    if (entry.type === 'directory') {
      if (now.exists && now.kind !== 'directory')
        throw new ModuleFailure(`copy: ${path} exists and is not a directory`);
      if (!now.exists) steps.push({ do: 'mkdir', path, mode: dirMode });
      return own(path, now);
    }
    if (now.kind === 'directory')
      throw new ModuleFailure(`copy: ${path} is a directory; ${entry.path} is a file`);
    if (now.exists && !target.force) return;
    const from = now.exists ? (now.mode ?? 0) : umasked(0o666);
    const mode = target.mode === 'preserve' ? entry.mode : resolveMode(target.mode, from, false);
    if (!now.exists || state.current[i].sha1 !== entry.sha1) {
      steps.push({ do: 'put', path, rel: entry.path, mode });
      if (wantDiff && entry.path in state.texts)
        diff.push({ path, kind: 'content', ...state.texts[entry.path] });
    } else if (mode !== undefined && mode !== from) {
      steps.push({ do: 'set-mode', path, mode });
      diff.push({
        path,
        kind: 'attributes',
        before: `mode ${formatMode(from)}`,
        after: `mode ${formatMode(mode)}`,
      });
    }
    own(path, now);
  });
  const files = target.entries.filter((e) => e.type === 'file').length;
  if (steps.length === 0)
    return {
      steps,
      reason: `${target.base} already holds the ${files} file${files === 1 ? '' : 's'} of ${target.src}`,
    };
  const puts = steps.filter((s) => s.do === 'put').length;
  const dirs = steps.filter((s) => s.do === 'mkdir').length;
  return {
    steps,
    reason: `${target.base}: ${puts} file(s) to write, ${dirs} directory(ies) to create, ${steps.length - puts - dirs} attribute change(s)`,
    diff: wantDiff && diff.length > 0 ? diff : undefined,
  };
}

/** Carries out the plan in order (parents first); every file goes through an atomic write. */
export async function applyTree(
  steps: TreeStep[],
  state: TreeState,
  target: TreeTarget,
  readSource: (rel: string) => Promise<Buffer>,
): Promise<void> {
  const byRel = new Map(target.entries.map((e, i) => [e.path, state.current[i].path]));
  for (const step of steps) {
    if (step.do === 'mkdir') {
      await mkdir(step.path, { recursive: true });
      if (step.mode !== undefined) await chmod(step.path, step.mode);
    } else if (step.do === 'put') {
      const now = byRel.get(step.rel);
      await atomicWrite(step.path, await readSource(step.rel), {
        mode: step.mode ?? (now?.exists ? now.mode : undefined),
        uid: now?.uid,
        gid: now?.gid,
        ownerBestEffort: true,
      });
    } else if (step.do === 'set-mode') await chmod(step.path, step.mode);
    else await chown(step.path, step.uid ?? -1, step.gid ?? -1);
  }
}
