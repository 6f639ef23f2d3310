import { basename, join } from 'node:path';
import { z } from 'zod';
import { withAliases } from './util/aliases.js';
import {
  applyContent,
  type ContentState,
  type ContentStep,
  type ContentTarget,
  planContent,
  probeContent,
} from './util/content-file.js';
import { defineModule, ModuleFailure } from './util/define-module.js';
import { sha1 } from './util/file-state.js';
import { modeSchema } from './util/modes.js';
import { taskEntry } from './util/task-entry.js';

const args = withAliases(
  z
    .object({
      dest: z.string().min(1),
      content: z.string().optional(),
      src: z.string().optional(),
      mode: modeSchema.optional(),
      owner: z.union([z.string(), z.number()]).optional(),
      group: z.union([z.string(), z.number()]).optional(),
      force: z.boolean().default(true),
      backup: z.boolean().default(false),
      remote_src: z.boolean().default(false),
      /** Filled by the runner: the controller path of `src`, and its bytes when small. */
      _src_path: z.string().optional(),
      _data: z.instanceof(Uint8Array).optional(),
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
  return a.dest;
}

/** `copy`: put content or a controller file at a path, atomically, with mode/owner/group (Ansible's `copy`). */
export const copyModule = defineModule({
  name: 'copy',
  summary: 'Copy content or a file from the controller to the host, atomically.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a, env): Promise<ContentState & { data: Buffer }> {
    let data: Buffer;
    if (a.content !== undefined) data = Buffer.from(a.content);
    else if (a._data) data = Buffer.from(a._data);
    else if (a.remote_src && a.src) data = await (await import('node:fs/promises')).readFile(a.src);
    else if (a._src_path && env.fetchControllerFile) data = await env.fetchControllerFile(a._src_path);
    else throw new ModuleFailure(`copy: cannot read src ${a.src}: no controller file was provided`);
    return { ...(await probeContent(destination(a))), data };
  },
  plan: (a, state, env) => planContent(target(a, state.data), state, env.diff),
  apply: (a, state, plan) => applyContent(target(a, state.data), state, plan as never),
  report: (a, state) => ({ dest: destination(a), checksum: sha1(state.data), size: state.data.length }),
});

function target(a: Args, data: Buffer): ContentTarget {
  return {
    dest: destination(a),
    data,
    mode: a.mode,
    owner: a.owner,
    group: a.group,
    force: a.force,
    backup: a.backup,
  };
}

export type { ContentStep };

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(copyModule);
