import type { DiffEntry, ModuleResult, Plan } from '../contract/define-module.js';
import { gidOf, uidOf } from './accounts.js';
import { atomicWrite } from './atomic-write.js';
import { backupCopy } from './backup-copy.js';
import { type PathState, pathState, readIfExists, sha1 } from './file-state.js';
import { formatMode, resolveMode } from './modes.js';
import { runValidate } from './validate-file.js';

/** What copy and template both want: these bytes at `dest`, with these attributes. */
export interface ContentTarget {
  dest: string;
  data: Buffer;
  mode?: string | number;
  owner?: string | number;
  group?: string | number;
  force: boolean;
  backup: boolean;
  /** Ansible's `validate`: a command with `%s` (the temp file) that must succeed before the rename. */
  validate?: string;
  /** The module's name, for messages. */
  module?: string;
}

/** The target of a module that edits a file in place (lineinfile, replace, blockinfile): always written over. */
export function editTarget(
  module: string,
  dest: string,
  data: Buffer,
  a: Pick<ContentTarget, 'mode' | 'owner' | 'group' | 'backup' | 'validate'>,
): ContentTarget {
  return {
    dest,
    data,
    mode: a.mode,
    owner: a.owner,
    group: a.group,
    force: true,
    backup: a.backup,
    validate: a.validate,
    module,
  };
}

/** The destination as it is now. */
export interface ContentState {
  path: PathState;
  current?: Buffer;
}

/** One change to make. */
export type ContentStep =
  | { do: 'write' }
  | { do: 'chmod'; mode: number }
  | { do: 'chown'; uid?: number; gid?: number };

const DIFF_LIMIT = 64 * 1024;

/** Reads the destination's state and content. */
export async function probeContent(dest: string): Promise<ContentState> {
  const path = await pathState(dest);
  return { path, current: path.kind === 'file' ? await readIfExists(dest) : undefined };
}

/** Decides what to change so `dest` holds `data` with the wanted attributes. */
export function planContent(
  target: ContentTarget,
  state: ContentState,
  wantDiff: boolean,
): Plan<ContentStep> {
  const steps: ContentStep[] = [];
  const diff: DiffEntry[] = [];
  const exists = state.path.exists;
  if (exists && state.path.kind === 'directory') {
    return { steps: [], reason: `${target.dest} is a directory` };
  }
  if (exists && !target.force)
    return { steps, reason: `${target.dest} exists and force is off: not replaced` };
  const same = state.current?.equals(target.data);
  if (!same) {
    steps.push({ do: 'write' });
    if (wantDiff && target.data.length <= DIFF_LIMIT && (state.current?.length ?? 0) <= DIFF_LIMIT) {
      diff.push({
        path: target.dest,
        kind: 'content',
        before: state.current?.toString('utf8') ?? '',
        after: target.data.toString('utf8'),
      });
    }
  }
  const current = exists ? (state.path.mode ?? 0) : 0o666 & ~process.umask();
  const mode = resolveMode(target.mode, current, false);
  if (mode !== undefined && (mode !== current || !exists)) steps.push({ do: 'chmod', mode });
  const uid = target.owner !== undefined ? uidOf(target.owner) : undefined;
  const gid = target.group !== undefined ? gidOf(target.group) : undefined;
  if ((uid !== undefined && uid !== state.path.uid) || (gid !== undefined && gid !== state.path.gid))
    steps.push({ do: 'chown', uid, gid });
  if (wantDiff && exists && mode !== undefined && mode !== current) {
    diff.push({
      path: target.dest,
      kind: 'attributes',
      before: `mode ${formatMode(current)}`,
      after: `mode ${formatMode(mode)}`,
    });
  }
  if (steps.length === 0)
    return {
      steps,
      reason: `${target.dest} already has the wanted content${mode !== undefined ? ` and mode ${formatMode(mode)}` : ''}`,
    };
  const what = same ? 'attributes' : exists ? 'content' : 'new file';
  return {
    steps,
    reason: `${target.dest}: ${what} will be written`,
    diff: diff.length > 0 ? diff : undefined,
  };
}

/** Carries out the plan: an atomic write (attributes set before the rename), or attribute changes only. */
export async function applyContent(
  target: ContentTarget,
  state: ContentState,
  plan: Plan<ContentStep>,
): Promise<ModuleResult> {
  const write = plan.steps.some((s) => s.do === 'write');
  const chmodStep = plan.steps.find((s) => s.do === 'chmod') as { mode: number } | undefined;
  const chownStep = plan.steps.find((s) => s.do === 'chown') as { uid?: number; gid?: number } | undefined;
  let backupFile: string | undefined;
  // As Ansible: validate first, then back up, then replace; a failed validation leaves no backup behind.
  const beforeRename = async (temp: string) => {
    if (target.validate !== undefined) await runValidate(target.module ?? 'copy', target.validate, temp);
    if (target.backup && state.path.exists) backupFile = await backupCopy(target.dest);
  };
  const mode = chmodStep?.mode ?? (state.path.exists ? state.path.mode : undefined);
  if (write) {
    await atomicWrite(target.dest, target.data, {
      mode,
      uid: chownStep?.uid ?? state.path.uid,
      gid: chownStep?.gid ?? state.path.gid,
      ownerBestEffort: chownStep === undefined,
      beforeRename,
    });
  } else {
    const { chmod, chown } = await import('node:fs/promises');
    if (chmodStep) await chmod(target.dest, chmodStep.mode);
    if (chownStep) await chown(target.dest, chownStep.uid ?? -1, chownStep.gid ?? -1);
  }
  return {
    changed: true,
    dest: target.dest,
    checksum: sha1(target.data),
    size: target.data.length,
    ...(backupFile ? { backup_file: backupFile } : {}),
  };
}
