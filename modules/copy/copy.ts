import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, type ModuleEnv, ModuleFailure, type Plan } from '../contract/define-module.js';
import { controllerFileHandOver } from '../contract/hand-over.js';
import { taskEntry } from '../contract/task-entry.js';
import {
  applyContent,
  type ContentState,
  type ContentStep,
  type ContentTarget,
  planContent,
  probeContent,
} from '../host/content-file.js';
import {
  backupArgs,
  fileAttributeArgs,
  fileExtraArgs,
  UNSUPPORTED_FILE_OPTIONS,
  validateFileArgs,
} from '../host/file-args.js';
import { sha1 } from '../host/file-state.js';
import { listTree, type TreeEntry } from '../host/file-tree.js';
import { modeSchema } from '../host/modes.js';
import { pathAttributes } from '../host/path-attributes.js';
import {
  applyTree,
  planTree,
  probeTree,
  type TreeState,
  type TreeStep,
  type TreeTarget,
} from './copy-tree.js';

/**
 * What the controller half (runner/actions/copy.ts) hands over: the controller file (path, bytes when small),
 * or for a directory `src` its entries with sizes, modes and SHA-1s (the host fetches the files that differ).
 */
const copyHandOver = {
  ...controllerFileHandOver,
  _tree: z
    .array(
      z.object({
        path: z.string(),
        type: z.enum(['directory', 'file']),
        mode: z.number(),
        size: z.number(),
        sha1: z.string().optional(),
      }),
    )
    .optional(),
};

/** The hand-over of `copy`, as a type. */
export type CopyHandOver = z.output<z.ZodObject<typeof copyHandOver>>;

const args = withAliases(
  z
    .object({
      dest: z.string().min(1),
      content: z.string().optional(),
      src: z.string().optional(),
      ...fileAttributeArgs,
      ...fileExtraArgs,
      force: z.boolean().default(true),
      ...backupArgs,
      ...validateFileArgs,
      /** Ansible's expected SHA-1 of the source; a mismatch fails the task. */
      checksum: z.string().optional(),
      /** Accepted so Ansible playbooks run; no effect (see docs/modules/copy.md). */
      follow: z.boolean().optional(),
      local_follow: z.boolean().optional(),
      unsafe_writes: z.boolean().optional(),
      decrypt: z.boolean().optional(),
      remote_src: z.boolean().default(false),
      directory_mode: modeSchema.optional(),
      ...copyHandOver,
    })
    .strict()
    .refine((a) => a.content !== undefined || a.src !== undefined, {
      message: 'one of `content` or `src` is required',
    }),
  { path: 'dest' },
);

type Args = z.infer<typeof args>;

function destination(a: Args): string {
  if (a.src && a.dest.endsWith('/')) return join(a.dest, basename(a.src));
  // A file copied onto an existing directory goes into it, as in Ansible.
  if (a.src && statSync(a.dest, { throwIfNoEntry: false })?.isDirectory())
    return join(a.dest, basename(a.src));
  return a.dest;
}

/** What copy found: one destination file, or a whole tree when `src` is a directory. */
type CopyState =
  | ({ kind: 'file'; data: Buffer } & ContentState)
  | ({ kind: 'tree'; tree: TreeTarget } & TreeState);

/** `copy`: put content, a controller file or a directory tree at a path, atomically (Ansible's `copy`). */
export const copyModule = defineModule({
  name: 'copy',
  pathArgs: (a) => (a.remote_src ? ['dest', 'src'] : ['dest']),
  summary: 'Copy content, a file or a directory tree to the host, atomically.',
  runsOn: 'remote',
  idempotent: true,
  ignoredArgs: {
    follow:
      'copy `follow` is accepted and ignored: a link at `dest` is replaced by the file, as with `follow: false`',
    local_follow:
      'copy `local_follow` is accepted and ignored: links in a controller `src` are always followed',
  },
  unsupportedArgs: UNSUPPORTED_FILE_OPTIONS,
  args,
  async probe(a, env): Promise<CopyState> {
    const tree = treeTarget(a);
    if (tree) return { kind: 'tree', tree, ...(await probeTree(tree, reader(a, env), env.diff)) };
    let data: Buffer;
    if (a.content !== undefined) data = Buffer.from(a.content);
    else if (a._data) data = Buffer.from(a._data);
    else if (a.remote_src && a.src) data = await readRemoteSource(a.src);
    else if (a._src_path && env.fetchControllerFile) data = await env.fetchControllerFile(a._src_path);
    else throw new ModuleFailure(`copy: cannot read src ${a.src}: no controller file was provided`);
    return { kind: 'file', ...(await probeContent(destination(a))), data };
  },
  plan(a, state, env): Plan<ContentStep | TreeStep> {
    if (state.kind === 'tree') return planTree(state.tree, state, env.diff);
    const actual = sha1(state.data);
    if (a.checksum !== undefined && a.checksum.toLowerCase() !== actual)
      throw new ModuleFailure('Copied file does not match the expected checksum. Transfer failed.', {
        checksum: actual,
        expected_checksum: a.checksum,
        dest: destination(a),
      });
    return planContent(target(a, state.data), state, env.diff);
  },
  async apply(a, state, plan, env) {
    if (state.kind === 'file') {
      const result = await applyContent(target(a, state.data), state, plan as Plan<ContentStep>);
      return { ...result, ...fileResultKeys(a, state.data) };
    }
    await applyTree(plan.steps as TreeStep[], state, state.tree, reader(a, env));
    return { changed: true, dest: state.tree.base, src: a.src };
  },
  report: (a, state) =>
    state.kind === 'tree'
      ? { dest: state.tree.base, src: a.src }
      : {
          ...fileResultKeys(a, state.data),
          dest: destination(a),
          checksum: sha1(state.data),
          size: state.data.length,
        },
});

/** The keys Ansible's copy returns for a file: its attributes, `md5sum` and `src`. */
function fileResultKeys(a: Args, data: Buffer): Record<string, unknown> {
  try {
    return {
      ...pathAttributes(destination(a)),
      md5sum: createHash('md5').update(data).digest('hex'),
      ...(a.src ? { src: a.src } : {}),
    };
  } catch {
    return {};
  }
}

/** The directory copy `src` asks for, or undefined for a single file: `dir/` copies contents, `dir` the directory. */
function treeTarget(a: Args): TreeTarget | undefined {
  let entries: TreeEntry[];
  if (a._tree) entries = a._tree;
  else if (a.remote_src && a.src && statSync(a.src, { throwIfNoEntry: false })?.isDirectory())
    entries = listTree(a.src);
  else return undefined;
  const src = a.src as string;
  return {
    src,
    base: src.endsWith('/') ? a.dest : join(a.dest, basename(src)),
    entries,
    mode: a.mode,
    directoryMode: a.directory_mode,
    owner: a.owner,
    group: a.group,
    force: a.force,
  };
}

/** A `remote_src` file's bytes; a missing or unreadable one fails with Ansible's message. */
async function readRemoteSource(src: string): Promise<Buffer> {
  try {
    return await readFile(src);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModuleFailure(`Source ${src} not found`);
    if (code === 'EACCES') throw new ModuleFailure(`Source ${src} not readable`);
    throw error;
  }
}

/** Reads one file of a directory source: on the host for `remote_src`, else fetched from the controller. */
function reader(a: Args, env: ModuleEnv): (rel: string) => Promise<Buffer> {
  if (a.remote_src) return (rel) => readFile(join(a.src as string, rel));
  return async (rel) => {
    if (!env.fetchControllerFile || !a._src_path)
      throw new ModuleFailure(`copy: cannot read ${rel} of ${a.src}: no controller file service`);
    return env.fetchControllerFile(join(a._src_path, rel));
  };
}

function target(a: Args, data: Buffer): ContentTarget {
  return {
    dest: destination(a),
    data,
    mode: a.mode,
    owner: a.owner,
    group: a.group,
    force: a.force,
    backup: a.backup,
    validate: a.validate,
    module: 'copy',
  };
}

export type { ContentStep };

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(copyModule);
