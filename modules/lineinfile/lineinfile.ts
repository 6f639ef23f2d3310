import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import {
  applyContent,
  type ContentState,
  editTarget,
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
import { editLines, type LineEdit } from './lineinfile-plan.js';

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  others: null,
} as const;
const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      line: z.string().optional(),
      regexp: z.string().optional(),
      search_string: z.string().optional(),
      state: z.enum(['present', 'absent']).default('present'),
      insertafter: z.string().optional(),
      insertbefore: z.string().optional(),
      firstmatch: z.boolean().default(false),
      backrefs: z.boolean().default(false),
      create: z.boolean().default(false),
      ...backupArgs,
      ...fileAttributeArgs,
      ...fileExtraArgs,
      ...unsupportedOptions(UNSUPPORTED),
      ...validateFileArgs,
    })
    .strict(),
  { dest: 'path', destfile: 'path', name: 'path', regex: 'regexp', value: 'line' },
);

type Args = z.infer<typeof args>;
type State = ContentState & { edit: LineEdit | null };

/** `lineinfile`: make sure one line is present (replacing a match) or absent (Ansible's rules). */
export const lineinfileModule = defineModule({
  name: 'lineinfile',
  summary: 'Ensure a line is present in a file (replacing a regexp match) or absent.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a): Promise<State> {
    const state = await probeContent(a.path);
    if (!state.path.exists && !a.create && a.state === 'present') {
      throw new ModuleFailure(`Destination ${a.path} does not exist !`, { rc: 257 });
    }
    try {
      return { ...state, edit: editLines(state.current?.toString('utf8') ?? '', a) };
    } catch (error) {
      throw new ModuleFailure(`lineinfile: ${a.path}: ${(error as Error).message}`);
    }
  },
  plan(a, state, env): Plan {
    if (!state.edit && state.path.exists) {
      const plan = planContent(target(a, state.current ?? Buffer.alloc(0)), state, env.diff);
      return plan.steps.length === 0 ? { steps: [], reason: `${a.path} already complies` } : plan;
    }
    if (!state.path.exists && a.state === 'absent') return { steps: [], reason: `${a.path} does not exist` };
    const plan = planContent(target(a, Buffer.from(state.edit?.text ?? '')), state, env.diff);
    return { ...plan, reason: state.edit?.msg ?? plan.reason };
  },
  async apply(a, state, plan) {
    // As Ansible: `create` also makes the missing folders of the path.
    if (!state.path.exists) await mkdir(dirname(a.path), { recursive: true });
    const result = await applyContent(
      target(a, Buffer.from(state.edit?.text ?? state.current ?? '')),
      state,
      plan as never,
    );
    return { ...result, msg: state.edit?.msg ?? 'attributes changed' };
  },
});

function target(a: Args, data: Buffer) {
  return editTarget('lineinfile', a.path, data, a);
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(lineinfileModule);
