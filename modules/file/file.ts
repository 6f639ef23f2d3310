import { chmod, lchown, mkdir, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import { gidOf, uidOf } from '../host/accounts.js';
import { fileAttributeArgs, fileExtraArgs, UNSUPPORTED_FILE_OPTIONS } from '../host/file-args.js';
import { type PathState, pathState } from '../host/file-state.js';
import { formatMode, resolveMode } from '../host/modes.js';
import { appearsBinary } from './diff-peek.js';
import { applyLink, type LinkFacts, planLink, prevState, probeLink } from './file-links.js';
import { type AttrChange, applyRecurse, planRecurse, probeRecurse, type TreeItem } from './file-recurse.js';
import {
  ansibleMode,
  type DirectoryContent,
  diffAttribute,
  directoryContent,
  initialDiff,
  pathFacts,
} from './file-result.js';
import { applyTimes, changesTimes } from './file-times.js';

/** Time formats Ansible documents; only its default format is read (docs/modules/file.md). */
const TIME_FORMATS = {
  access_time_format: '%Y%m%d%H%M.%S',
  modification_time_format: '%Y%m%d%H%M.%S',
} as const;
const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      state: z.enum(['file', 'directory', 'touch', 'absent', 'link', 'hard']).optional(),
      ...fileAttributeArgs,
      ...fileExtraArgs,
      src: z.string().optional(),
      recurse: z.boolean().default(false),
      force: z.boolean().default(false),
      modification_time: z.string().optional(),
      access_time: z.string().optional(),
      ...unsupportedOptions(TIME_FORMATS),
      follow: z.boolean().default(true),
      // Internal in Ansible (its action plugins ask it before a diff): only answers whether the file looks binary.
      _diff_peek: z.boolean().optional(),
    })
    .strict(),
  { dest: 'path', name: 'path' },
);

type Step =
  | { do: 'mkdir' }
  | { do: 'touch' }
  | { do: 'remove' }
  | { do: 'link' }
  | { do: 'chmod'; mode: number; from: number }
  | { do: 'chown'; uid?: number; gid?: number; from: { uid?: number; gid?: number } }
  | { do: 'times' }
  | { do: 'recurse'; changes: AttrChange[] };

/** The path's state, what the link states need, (for a link with `follow`) its target's, and the tree below. */
type State = PathState & {
  links: LinkFacts;
  followed?: PathState & { path: string };
  tree?: TreeItem[];
  /** `_diff_peek` only: whether the file looks binary. */
  appearsBinary?: boolean;
  /** `state: absent` on a directory: what it holds (the diff's `path_content`). */
  content?: DirectoryContent;
  /** What Ansible's result says about the path it names (see `resultPath`), before any change. */
  facts: Record<string, unknown>;
};

type Args = z.infer<typeof args>;
type Wanted = Args & { state: NonNullable<Args['state']> };

/** Ansible's default state: `directory` with `recurse`, else `file` (Ansible keeps an existing path's state). */
function wanted(a: Args): Wanted {
  return { ...a, state: a.state ?? (a.recurse ? 'directory' : 'file') };
}

/**
 * Ansible's `follow` (Python's non-strict realpath): a link at the path stands for its target
 * (`state: file` / `directory`); a dangling link stands for the missing path it points to.
 */
async function followLink(path: string, depth = 0): Promise<(PathState & { path: string }) | undefined> {
  try {
    const target = await realpath(path);
    return { ...(await pathState(target)), path: target };
  } catch {
    const link = await pathState(path);
    if (link.kind !== 'link' || depth > 40) return undefined;
    const parent = await realpath(dirname(path)).catch(() => dirname(path));
    const next = resolve(parent, await readlink(path));
    const state = await pathState(next);
    return state.kind === 'link' ? followLink(next, depth + 1) : { ...state, path: next };
  }
}

/** The path Ansible's result names: a link's target for `file` and `directory` with `follow`, else the path. */
function resultPath(a: Wanted, followed: State['followed']): string {
  return (a.state === 'file' || a.state === 'directory') && followed ? followed.path : a.path;
}

/**
 * The keys Ansible's `file` returns for a state (`path`; `dest` and `src` for links; `dest` for touch) and its
 * `diff`. `applied`: the steps were carried out; in check mode a path still absent has no attributes to diff.
 */
function ansibleFields(a: Wanted, state: State, steps: Step[], applied: boolean): Record<string, unknown> {
  const path = resultPath(a, state.followed);
  const linkSrc = a.src ?? (a.follow ? state.links.linkTarget : undefined) ?? null;
  const fields: Record<string, unknown> =
    a.state === 'link' || a.state === 'hard'
      ? { dest: a.path, src: linkSrc }
      : a.state === 'touch'
        ? { dest: a.path }
        : a.state === 'absent'
          ? { path, state: 'absent' }
          : { path };
  const prev = path !== a.path && state.followed ? prevState(state.followed) : prevState(state, state.links);
  if ((a.state === 'absent' && prev === 'absent') || (a.state === 'touch' && prev === 'absent' && !applied))
    return fields;
  const diff = initialDiff(path, a.state, prev, state.content);
  const { linkTarget } = state.links;
  if (
    (a.state === 'link' || a.state === 'hard') &&
    prev === 'link' &&
    a.src !== undefined &&
    linkTarget !== a.src
  )
    diffAttribute(diff, 'src', linkTarget, a.src);
  for (const step of applied || prev !== 'absent' ? steps : []) {
    if (step.do === 'chmod') diffAttribute(diff, 'mode', ansibleMode(step.from), ansibleMode(step.mode));
    if (step.do !== 'chown') continue;
    if (step.uid !== undefined && step.uid !== step.from.uid)
      diffAttribute(diff, 'owner', step.from.uid, step.uid);
    if (step.gid !== undefined && step.gid !== step.from.gid)
      diffAttribute(diff, 'group', step.from.gid, step.gid);
  }
  return { ...fields, diff };
}

/** `file`: directories, empty files, links, removal, mode and ownership (Ansible's `file`). */
export const fileModule = defineModule({
  name: 'file',
  pathArgs: ['path', 'src'],
  summary: 'Manage files, directories and links: state, mode, owner, group, timestamps.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...TIME_FORMATS },
  args,
  async probe(raw): Promise<State> {
    const a = wanted(raw);
    const state = await pathState(a.path);
    if (a._diff_peek !== undefined)
      return { ...state, links: { srcExists: false }, appearsBinary: await appearsBinary(a.path), facts: {} };
    const links = await probeLink(a, state);
    const followed = a.follow && state.kind === 'link' ? await followLink(a.path) : undefined;
    const dir = followed ?? { ...state, path: a.path };
    const tree =
      a.recurse && a.state === 'directory' && dir.kind === 'directory'
        ? await probeRecurse(dir.path, a.follow)
        : undefined;
    const content =
      a.state === 'absent' && state.kind === 'directory' ? await directoryContent(a.path) : undefined;
    return { ...state, links, followed, tree, content, facts: await pathFacts(resultPath(a, followed)) };
  },
  plan(raw, state: State): Plan<Step> {
    const a = wanted(raw);
    const steps: Step[] = [];
    const target = a.path;
    if (state.appearsBinary !== undefined) return { steps, reason: '' };
    if (a.recurse && a.state !== 'directory')
      throw new ModuleFailure("recurse option requires state to be 'directory'", { path: target });
    if (a.state === 'absent') {
      return state.exists
        ? { steps: [{ do: 'remove' }], reason: `${target} will be removed` }
        : { steps, reason: `${target} is already absent` };
    }
    // As Ansible: with `follow`, a link stands for its target; a dangling link's target is absent.
    const seen: PathState = state.kind === 'link' && a.follow ? (state.followed ?? { exists: false }) : state;
    const seenPath = state.followed?.path ?? target;
    if (a.state === 'file' && !(seen.exists && seen.kind !== 'directory')) {
      const what = seen.exists ? prevState(seen, state.links) : 'absent';
      throw new ModuleFailure(`file (${seenPath}) is ${what}, cannot continue`, { path: seenPath });
    }
    let created = false;
    if (a.state === 'directory' && seen.exists && seen.kind !== 'directory') {
      throw new ModuleFailure(`${seenPath} already exists as a ${prevState(seen, state.links)}`, {
        path: seenPath,
      });
    }
    if (a.state === 'directory' && !seen.exists) {
      steps.push({ do: 'mkdir' });
      created = true;
    }
    if (a.state === 'touch') {
      if (!state.exists) {
        steps.push({ do: 'touch' });
        created = true;
      } else if (changesTimes(a, true)) steps.push({ do: 'times' });
    }
    let linkReason = '';
    if (a.state === 'link' || a.state === 'hard') {
      const decision = planLink(a, state, state.links);
      linkReason = decision.reason;
      if (decision.make) steps.push({ do: 'link' });
    }
    const attrs = a.state === 'file' || a.state === 'directory' ? seen : state;
    const current = created
      ? a.state === 'directory'
        ? 0o777 & ~process.umask()
        : 0o666 & ~process.umask()
      : (attrs.mode ?? 0);
    const mode = resolveMode(a.mode, current, a.state === 'directory');
    if (mode !== undefined && mode !== current) steps.push({ do: 'chmod', mode, from: current });
    const uid = a.owner !== undefined ? uidOf(a.owner) : undefined;
    const gid = a.group !== undefined ? gidOf(a.group) : undefined;
    if ((uid !== undefined && uid !== attrs.uid) || (gid !== undefined && gid !== attrs.gid))
      steps.push({ do: 'chown', uid, gid, from: { uid: attrs.uid, gid: attrs.gid } });
    const below = state.tree ? planRecurse(state.tree, a.mode, uid, gid) : undefined;
    if (below && below.changes.length > 0) steps.push({ do: 'recurse', changes: below.changes });
    if (steps.length === 0) {
      if (linkReason) return { steps, reason: linkReason };
      return {
        steps,
        reason: `${target} is already a ${state.kind}${mode !== undefined ? ` with mode ${formatMode(mode)}` : ''}`,
      };
    }
    return {
      steps,
      reason:
        linkReason && steps.length === 1 ? linkReason : `${target}: ${steps.map((s) => s.do).join(', ')}`,
    };
  },
  async apply(raw, state, plan) {
    const a = wanted(raw);
    // With `follow`, `file` and `directory` set the attributes of a link's target.
    const attrPath =
      (a.state === 'file' || a.state === 'directory') && state.followed ? state.followed.path : a.path;
    for (const step of plan.steps) {
      switch (step.do) {
        case 'mkdir':
          // A dangling link with `follow` gets its target directory created, as in Ansible.
          await mkdir(attrPath, { recursive: true });
          break;
        case 'touch':
          await writeFile(a.path, '', { flag: 'a' });
          await applyTimes(a.path, a, true);
          break;
        case 'times':
          await applyTimes(a.path, a, a.state === 'touch');
          break;
        case 'remove':
          await rm(a.path, { recursive: true, force: true });
          break;
        case 'link':
          await applyLink({ ...a, src: a.src! }, state);
          break;
        case 'chmod':
          await chmod(attrPath, step.mode);
          break;
        case 'chown':
          await lchown(attrPath, step.uid ?? -1, step.gid ?? -1);
          break;
        case 'recurse':
          await applyRecurse(step.changes);
          break;
      }
    }
    const done = ansibleFields(a, state, plan.steps, true);
    return { changed: true, ...done, ...(await pathFacts(resultPath(a, state.followed))) };
  },
  report: (raw, state, plan) => {
    const a = wanted(raw);
    if (state.appearsBinary !== undefined) return { path: a.path, appears_binary: state.appearsBinary };
    return { ...ansibleFields(a, state, plan.steps, false), ...state.facts };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(fileModule);
