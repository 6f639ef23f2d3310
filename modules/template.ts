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

/** What the controller half (runner/actions/template.ts) hands over: the template rendered with the host's vars. */
const templateHandOver = { _content: z.string().optional() };

/** The hand-over of `template`, as a type. */
export type TemplateHandOver = z.output<z.ZodObject<typeof templateHandOver>>;

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  block_start_string: '{%',
  block_end_string: '%}',
  variable_start_string: '{{',
  variable_end_string: '}}',
  comment_start_string: '{#',
  comment_end_string: '#}',
  trim_blocks: true,
  lstrip_blocks: false,
  newline_sequence: '\n',
  output_encoding: 'utf-8',
  follow: false,
} as const;
const args = z
  .object({
    src: z.string().min(1),
    dest: z.string().min(1),
    ...fileAttributeArgs,
    ...fileExtraArgs,
    ...unsupportedOptions(UNSUPPORTED),
    force: z.boolean().default(true),
    ...backupArgs,
    ...validateFileArgs,
    ...templateHandOver,
  })
  .strict();

function target(a: z.infer<typeof args>): ContentTarget {
  if (a._content === undefined)
    throw new ModuleFailure(`template: ${a.src} was not rendered by the controller`);
  return {
    dest: a.dest,
    data: Buffer.from(a._content),
    mode: a.mode,
    owner: a.owner,
    group: a.group,
    force: a.force,
    backup: a.backup,
    validate: a.validate,
    module: 'template',
  };
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
  probe: (a) => probeContent(a.dest),
  plan: (a, state, env) => planContent(target(a), state, env.diff),
  apply: (a, state, plan) => applyContent(target(a), state, plan as never),
  report: (a) => ({ dest: a.dest, checksum: sha1(a._content ?? '') }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(templateModule);
