import { existsSync, statSync } from 'node:fs';
import { chmod, chown, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineModule, ModuleFailure, type Plan } from '../contract/define-module.js';
import { controllerFileHandOver } from '../contract/hand-over.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import { gidOf, uidOf } from '../host/accounts.js';
import { fileAttributeArgs, fileExtraArgs, UNSUPPORTED_FILE_OPTIONS } from '../host/file-args.js';
import { resolveMode } from '../host/modes.js';
import { type CompareOptions, tarDifferences, zipDifferences } from './archive-compare.js';
import { extractInto } from './archive-extract.js';
import {
  type ArchiveHandler,
  type ArchiveMember,
  detectHandler,
  listMembers,
  refuseTraversal,
  selectMembers,
} from './archive-members.js';
import { type StagedSource, stageSource } from './stage-source.js';

const list = z.union([z.array(z.string()), z.string().transform((s) => s.split(',').map((x) => x.trim()))]);

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  decrypt: true,
  io_buffer_size: 65536,
  validate_certs: true,
} as const;
const args = z
  .object({
    src: z.string().min(1),
    dest: z.string().min(1),
    remote_src: z.boolean().default(false),
    /** Ansible's deprecated inverse of `remote_src`: `copy: false` means the archive is already on the host. */
    copy: z.boolean().optional(),
    creates: z.string().optional(),
    list_files: z.boolean().default(false),
    exclude: list.default([]),
    include: list.default([]),
    extra_opts: list.default([]),
    keep_newer: z.boolean().default(false),
    ...fileAttributeArgs,
    ...fileExtraArgs,
    ...unsupportedOptions(UNSUPPORTED),
    /** Handed over by runner/actions/unarchive.ts: the controller file `src` (path, bytes when small). */
    ...controllerFileHandOver,
  })
  .strict();

type Args = z.infer<typeof args>;

/** What is in the archive and how `dest` differs from it. */
export interface UnarchiveState {
  /** `creates` names a path that exists: nothing to do. */
  created: boolean;
  handler?: ArchiveHandler;
  members: ArchiveMember[];
  /** tar --diff style lines ("d/a.txt: Size differs"); empty when dest already holds every member. */
  differences: string[];
  /** Members whose mode or owner differs from `mode`/`owner`/`group`. */
  attributes: string[];
  /** The archive on the host, kept from probe to apply when extracting. */
  staged?: StagedSource;
}

/** One change: extract the archive, or only set mode/owner on existing members. */
export type UnarchiveStep = { do: 'extract' } | { do: 'attributes'; paths: string[] };

function options(a: Args): CompareOptions {
  return {
    include: a.include,
    exclude: a.exclude,
    extraOpts: a.extra_opts,
    keepNewer: a.keep_newer,
    setsMode: a.mode !== undefined,
    setsOwner: a.owner !== undefined || a.group !== undefined,
  };
}

/** `unarchive`: unpack a tar (plain, gz, bz2, xz) or zip archive into a directory (Ansible's `unarchive`). */
export const unarchiveModule = defineModule({
  name: 'unarchive',
  pathArgs: (a) => (a.remote_src ? ['dest', 'creates', 'src'] : ['dest', 'creates']),
  summary: 'Unpack a tar or zip archive (from the controller or the host) into a directory, idempotently.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a, env): Promise<UnarchiveState> {
    const empty = { members: [], differences: [], attributes: [] };
    if (a.creates && existsSync(a.creates)) return { created: true, ...empty };
    if (!existsSync(a.dest) || !statSync(a.dest).isDirectory())
      throw new ModuleFailure(`unarchive: destination ${a.dest} is not a directory`);
    const staged = await stageSource(
      { module: 'unarchive', ...a, remote_src: a.remote_src || a.copy === false },
      env,
    );
    let keep = false;
    try {
      const handler = await detectHandler(staged.path);
      const members = selectMembers(await listMembers(staged.path, handler, env), a.include, a.exclude);
      refuseTraversal(a.src, members);
      const differences =
        handler === 'ZipArchive'
          ? await zipDifferences(staged.path, members, a.dest, options(a), env)
          : await tarDifferences(staged.path, handler, a.dest, options(a), env);
      const attributes = differences.length === 0 ? await attributeFixes(a, members) : [];
      keep = differences.length > 0 && !env.check;
      return { created: false, handler, members, differences, attributes, staged: keep ? staged : undefined };
    } finally {
      if (!keep) await staged.cleanup();
    }
  },
  plan(a, state): Plan<UnarchiveStep> {
    if (state.created) return { steps: [], reason: `${a.creates} exists` };
    if (state.differences.length > 0) {
      const shown = state.differences.slice(0, 3).join('; ');
      const more = state.differences.length > 3 ? ` (and ${state.differences.length - 3} more)` : '';
      return {
        steps: [{ do: 'extract' }],
        reason: `${a.src} will be extracted into ${a.dest}: ${shown}${more}`,
      };
    }
    if (state.attributes.length > 0)
      return {
        steps: [{ do: 'attributes', paths: state.attributes }],
        reason: `${a.dest}: mode or owner of ${state.attributes.length} member(s) will be set`,
      };
    const n = state.members.length;
    return { steps: [], reason: `${a.dest} already holds the ${n} member${n === 1 ? '' : 's'} of ${a.src}` };
  },
  async apply(a, state, plan, env) {
    const extract = plan.steps.some((s) => s.do === 'extract');
    if (extract) {
      const staged =
        state.staged ??
        (await stageSource({ module: 'unarchive', ...a, remote_src: a.remote_src || a.copy === false }, env));
      try {
        await extractInto(staged.path, state.handler as ArchiveHandler, a.dest, options(a), env);
      } finally {
        await staged.cleanup();
      }
    }
    const paths = extract ? await attributeFixes(a, state.members) : state.attributes;
    await setAttributes(a, paths);
    return { changed: true, ...result(a, state) };
  },
  report: (a, state) => (state.created ? { dest: a.dest, src: a.src } : result(a, state)),
});

function result(a: Args, state: UnarchiveState): Record<string, unknown> {
  return {
    dest: a.dest,
    src: a.src,
    handler: state.handler,
    ...(a.list_files ? { files: state.members.map((m) => m.name) } : {}),
  };
}

/** Member paths whose mode, owner or group differ from what the task asks (links are left alone). */
async function attributeFixes(a: Args, members: ArchiveMember[]): Promise<string[]> {
  if (a.mode === undefined && a.owner === undefined && a.group === undefined) return [];
  const uid = a.owner !== undefined ? uidOf(a.owner) : undefined;
  const gid = a.group !== undefined ? gidOf(a.group) : undefined;
  const out: string[] = [];
  for (const member of members) {
    const path = join(a.dest, member.name);
    const st = await lstat(path).catch(() => undefined);
    if (!st || st.isSymbolicLink()) continue;
    const mode = resolveMode(a.mode, st.mode & 0o7777, st.isDirectory());
    if (
      (mode !== undefined && mode !== (st.mode & 0o7777)) ||
      (uid !== undefined && uid !== st.uid) ||
      (gid !== undefined && gid !== st.gid)
    )
      out.push(path);
  }
  return out;
}

async function setAttributes(a: Args, paths: string[]): Promise<void> {
  const uid = a.owner !== undefined ? uidOf(a.owner) : -1;
  const gid = a.group !== undefined ? gidOf(a.group) : -1;
  for (const path of paths) {
    const st = await lstat(path);
    const mode = resolveMode(a.mode, st.mode & 0o7777, st.isDirectory());
    if (mode !== undefined) await chmod(path, mode);
    if (uid !== -1 || gid !== -1) await chown(path, uid, gid);
  }
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(unarchiveModule);
