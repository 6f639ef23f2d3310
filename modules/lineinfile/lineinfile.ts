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
    .strict()
    .refine((a) => a.insertbefore === undefined || a.insertafter === undefined, {
      message: 'parameters are mutually exclusive: insertbefore|insertafter',
    })
    .refine((a) => a.regexp === undefined || a.search_string === undefined, {
      message: 'parameters are mutually exclusive: regexp|search_string',
    }),
  { dest: 'path', destfile: 'path', name: 'path', regex: 'regexp', value: 'line' },
);

type Args = z.infer<typeof args>;
type State = ContentState & { edit: LineEdit | null };

/** `lineinfile`: make sure one line is present (replacing a match) or absent (Ansible's rules). */
export const lineinfileModule = defineModule({
  name: 'lineinfile',
  pathArgs: ['path'],
  summary: 'Ensure a line is present in a file (replacing a regexp match) or absent.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a): Promise<State> {
    const state = await probeContent(a.path);
    const refused = refusal(a, state.path.kind === 'directory');
    if (refused) throw refused;
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
    if (!state.path.exists && a.state === 'absent') return { steps: [], reason: 'file not present' };
    const plan = planContent(target(a, Buffer.from(state.edit?.text ?? '')), state, env.diff);
    return { ...plan, reason: state.edit?.msg ?? plan.reason };
  },
  // As Ansible: state=absent on an existing file says how many lines it removed.
  // Ansible's lineinfile names its backup `backup` ('' when none), on every result but "file not present".
  report: (a, state) => ({
    // As Ansible: a file that already has (or lacks) the line is reported with an empty message.
    ...(state.edit || !state.path.exists ? {} : { msg: '' }),
    ...emptyPatternWarning(a),
    ...(a.state === 'absent'
      ? state.path.exists
        ? { found: state.edit?.found ?? 0, backup: '' }
        : {}
      : { backup: '' }),
  }),
  async apply(a, state, plan) {
    // As Ansible: `create` also makes the missing folders of the path.
    if (!state.path.exists) await mkdir(dirname(a.path), { recursive: true });
    const result = await applyContent(
      target(a, Buffer.from(state.edit?.text ?? state.current ?? '')),
      state,
      plan as never,
    );
    const found = a.state === 'absent' ? { found: state.edit?.found ?? 0 } : {};
    const { backup_file, ...rest } = result;
    const msg = state.edit?.msg ?? 'attributes changed';
    return { ...rest, msg, ...found, backup: backup_file ?? '', ...emptyPatternWarning(a) };
  },
});

/** Ansible's warning for an empty `regexp` or `search_string`, which matches every line. */
function emptyPatternWarning(a: Args): { warnings?: string[] } {
  if (a.regexp !== '' && a.search_string !== '') return {};
  const what = a.regexp === '' ? 'regular expression' : 'search string';
  const hint =
    a.regexp === ''
      ? " If this is desired, use '^' to match every line in the file and avoid this warning."
      : '';
  return {
    warnings: [
      `The ${what} is an empty string, which will match every line in the file. This may have unintended consequences, such as replacing the last line in the file rather than appending.${hint}`,
    ],
  };
}

/** The checks Ansible's lineinfile makes before it reads the file, in its order and words. */
function refusal(a: Args, isDirectory: boolean): ModuleFailure | undefined {
  if (isDirectory) return new ModuleFailure(`Path ${a.path} is a directory !`, { rc: 256 });
  if (a.state === 'present' && a.backrefs && a.regexp === undefined)
    return new ModuleFailure('regexp is required with backrefs=true');
  if (a.state === 'present' && a.line === undefined)
    return new ModuleFailure('line is required with state=present');
  if (a.state === 'absent' && a.line === undefined && a.regexp === undefined && a.search_string === undefined)
    return new ModuleFailure('one of line, search_string, or regexp is required with state=absent');
  return undefined;
}

function target(a: Args, data: Buffer) {
  return editTarget('lineinfile', a.path, data, a);
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(lineinfileModule);
