import { createHash } from 'node:crypto';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { applyContent, type ContentTarget, planContent, probeContent } from './host/content-file.js';
import {
  backupArgs,
  fileAttributeArgs,
  fileExtraArgs,
  UNSUPPORTED_FILE_OPTIONS,
  validateFileArgs,
} from './host/file-args.js';
import { sha1 } from './host/file-state.js';
import { pathAttributes } from './host/path-attributes.js';

/**
 * What the controller half (runner/actions/template.ts) hands over: the template rendered with the host's vars,
 * encoded in `output_encoding`, and the mode of the source file when `mode: preserve`.
 */
const templateHandOver = {
  _content: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
  _source_mode: z.string().optional(),
};

/** The hand-over of `template`, as a type. */
export type TemplateHandOver = z.output<z.ZodObject<typeof templateHandOver>>;

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {} as const;

/** The Jinja2 settings and output encoding the controller half renders with (Ansible's template action). */
const renderingArgs = {
  block_start_string: z.string().optional(),
  block_end_string: z.string().optional(),
  variable_start_string: z.string().optional(),
  variable_end_string: z.string().optional(),
  comment_start_string: z.string().optional(),
  comment_end_string: z.string().optional(),
  trim_blocks: z.boolean().default(true),
  lstrip_blocks: z.boolean().default(false),
  newline_sequence: z.string().default('\n'),
  output_encoding: z.string().optional(),
};
const args = z
  .object({
    src: z.string().min(1),
    dest: z.string().min(1),
    ...fileAttributeArgs,
    ...fileExtraArgs,
    ...unsupportedOptions(UNSUPPORTED),
    ...renderingArgs,
    force: z.boolean().default(true),
    follow: z.boolean().default(false),
    ...backupArgs,
    ...validateFileArgs,
    ...templateHandOver,
  })
  .strict();

/**
 * Where the file goes, as Ansible's copy decides for a template: into `dest` when it is a directory (named as the
 * template), or, with `follow`, to the file a link at `dest` points to.
 */
function destination(a: z.infer<typeof args>): string {
  const found = lstatSync(a.dest, { throwIfNoEntry: false });
  if (a.dest.endsWith('/') || statSync(a.dest, { throwIfNoEntry: false })?.isDirectory())
    return join(a.dest, basename(a.src));
  if (a.follow && found?.isSymbolicLink()) return realpathSync(a.dest);
  return a.dest;
}

function target(a: z.infer<typeof args>): ContentTarget {
  if (a._content === undefined)
    throw new ModuleFailure(`template: ${a.src} was not rendered by the controller`);
  return {
    dest: destination(a),
    data: Buffer.from(a._content),
    mode: a.mode === 'preserve' ? a._source_mode : a.mode,
    owner: a.owner,
    group: a.group,
    force: a.force,
    backup: a.backup,
    validate: a.validate,
    module: 'template',
  };
}

/** The file's attributes as Ansible's template (through copy) returns them; none when it is absent. */
function writtenAttributes(dest: string): Record<string, unknown> {
  try {
    return pathAttributes(dest);
  } catch {
    return {};
  }
}

/** `template`: a Jinja2 template rendered on the controller, written like `copy` (Ansible's `template`). */
export const templateModule = defineModule({
  name: 'template',
  pathArgs: ['dest'],
  summary: 'Render a Jinja2 template on the controller and write it to the host, atomically.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  probe: (a) => probeContent(destination(a)),
  plan: (a, state, env) => planContent(target(a), state, env.diff),
  apply: async (a, state, plan) => {
    const result = await applyContent(target(a), state, plan as never);
    const md5sum = createHash('md5')
      .update(a._content ?? '')
      .digest('hex');
    return { ...writtenAttributes(result.dest as string), md5sum, src: a.src, ...result };
  },
  report: (a) => {
    const dest = destination(a);
    return { ...writtenAttributes(dest), path: dest, dest, checksum: sha1(a._content ?? '') };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(templateModule);
