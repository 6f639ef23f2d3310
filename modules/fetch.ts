import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { z } from 'zod';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { sha1 } from './host/file-state.js';

/** What the controller half (runner/actions/fetch.ts) hands over before the call. */
const fetchHandOver = {
  /** The controller path the file goes to (absent when it depends on the host's `~`). */
  _dest: z.string().optional(),
  /** SHA-1 of the controller's copy, null when there is none. */
  _dest_checksum: z.string().nullable().optional(),
  /** The controller folder for `flat: no` with a `~` src (the host expands `~`). */
  _dest_base: z.string().optional(),
  /** The largest file a reply can carry (maxMessageSize less headroom). */
  _max_size: z.number().optional(),
};

/** The hand-over of `fetch`, as a type. */
export type FetchHandOver = z.output<z.ZodObject<typeof fetchHandOver>>;

const args = z
  .object({
    src: z.string().min(1),
    dest: z.string().min(1),
    flat: z.boolean().default(false),
    fail_on_missing: z.boolean().default(true),
    validate_checksum: z.boolean().default(true),
    ...fetchHandOver,
  })
  .strict();

type Args = z.infer<typeof args>;

/** The host side of fetch: the file's expanded path and, when it is a readable regular file, its bytes. */
export type FetchState =
  | { path: string; kind: 'missing' }
  | { path: string; kind: 'directory' }
  | { path: string; kind: 'file'; data: Buffer; checksum: string };

/** Ansible's message for a missing source (with `fail_on_missing`, the failure carries it too). */
export const MISSING_MSG = 'the remote file does not exist, not transferring, ignored';

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

function md5(data: Buffer): string | null {
  try {
    return createHash('md5').update(data).digest('hex');
  } catch {
    return null; // FIPS systems refuse md5; Ansible returns None there.
  }
}

/**
 * `fetch`: copies a file from the host to the controller (Ansible's `fetch`). This remote half reads the file
 * and sends its bytes only when its SHA-1 differs from the controller's copy; the controller half
 * (runner/actions/prepare-fetch.ts, finish-fetch.ts) chooses the path, compares and writes atomically.
 */
export const fetchModule = defineModule({
  name: 'fetch',
  summary:
    'Copy a file from the host to the controller (dest/HOST/PATH or flat), atomically, only when it differs.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a): Promise<FetchState> {
    const path = expandHome(a.src);
    let size: number;
    try {
      const st = await stat(path);
      if (st.isDirectory()) return { path, kind: 'directory' };
      size = st.size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, kind: 'missing' };
      throw error;
    }
    if (a._max_size !== undefined && size > a._max_size)
      throw new ModuleFailure(
        `fetch: ${path} is ${size} bytes, more than one reply can carry (${a._max_size} bytes, set by maxMessageSize)`,
        { file: path },
      );
    const data = await readFile(path);
    return { path, kind: 'file', data, checksum: sha1(data) };
  },
  plan(a, state): Plan<{ do: 'fetch' }> {
    if (state.kind === 'missing') {
      if (a.fail_on_missing) throw new ModuleFailure(MISSING_MSG, { file: state.path });
      return { steps: [], reason: MISSING_MSG };
    }
    if (state.kind === 'directory') {
      const msg = 'remote file is a directory, fetch cannot work on directories';
      if (a.fail_on_missing) throw new ModuleFailure(msg, { file: state.path });
      return { steps: [], reason: `${msg}, not transferring, ignored` };
    }
    const dest = a._dest ?? `${a._dest_base}/…${state.path}`;
    if (a._dest_checksum === state.checksum)
      return { steps: [], reason: `${dest} already has the content of ${state.path}` };
    return { steps: [{ do: 'fetch' }], reason: `${state.path} will be fetched to ${dest}` };
  },
  async apply(a, state) {
    if (state.kind !== 'file') return { changed: false };
    // `_content` is taken off by the controller (finish-fetch.ts) before anything else sees the result.
    return { changed: true, ...fields(a, state, false), remote_md5sum: null, _content: state.data };
  },
  report: (a, state, plan) => fields(a, state, plan.steps.length === 0),
});

/** Ansible's result keys (`file`, `dest`, `checksum`, `md5sum`, `remote_checksum` when the file moves) and `src`. */
function fields(a: Args, state: FetchState, same: boolean): Record<string, unknown> {
  if (state.kind !== 'file') return { file: state.path };
  return {
    src: a.src,
    file: state.path,
    ...(a._dest !== undefined ? { dest: a._dest } : {}),
    checksum: state.checksum,
    ...(same ? {} : { remote_checksum: state.checksum }),
    md5sum: md5(state.data),
  };
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(fetchModule);
