import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { applyContent, type ContentState, planContent, probeContent } from './host/content-file.js';
import { backupArgs, fileExtraArgs, UNSUPPORTED_FILE_OPTIONS, validateFileArgs } from './host/file-args.js';
import { pythonRegExp, pythonSubn } from './text/python-re.js';

/** Options Ansible documents that this module does not implement (docs/modules): "not used" values. */
const UNSUPPORTED = {
  owner: null,
  group: null,
  mode: null,
  others: null,
} as const;
const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      regexp: z.string(),
      replace: z.string().default(''),
      after: z.string().optional(),
      before: z.string().optional(),
      ...backupArgs,
      ...validateFileArgs,
      /** Python's codec name; utf-8 (default), latin-1, ascii and utf-16-le are understood. */
      encoding: z.string().default('utf-8'),
      ...fileExtraArgs,
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict(),
  { dest: 'path', destfile: 'path', name: 'path' },
);

type State = ContentState & {
  edited: string;
  count: number;
  encoding: BufferEncoding;
  /** The before/after pattern that found no section: nothing is edited (Ansible's message). */
  unmatched?: string;
};

const ENCODINGS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'latin-1': 'latin1',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  ascii: 'ascii',
  'utf-16-le': 'utf16le',
  'utf-16le': 'utf16le',
};

function nodeEncoding(name: string): BufferEncoding {
  const encoding = ENCODINGS[name.toLowerCase().replaceAll('_', '-')];
  if (!encoding) throw new ModuleFailure(`replace: unsupported encoding ${name}`);
  return encoding;
}

/**
 * Ansible's section rule: `after(?P<subsection>.*?)before`, `after(.*)` or `(.*)before`, searched with DOTALL
 * (so only `before` ends at its last match). Returns the section's [start, end), or the pattern that did not match.
 */
export function section(text: string, after?: string, before?: string): [number, number] | string {
  if (!after && !before) return [0, text.length];
  const pattern =
    after && before
      ? `${after}(?P<subsection>.*?)${before}`
      : after
        ? `${after}(?P<subsection>.*)`
        : `(?P<subsection>.*)${before}`;
  const match = pythonRegExp(pattern, 'sd').exec(text);
  const span = match?.indices?.groups?.subsection;
  return span ? [span[0], span[1]] : pattern;
}

/** `replace`: replaces every match of a regular expression in a file (multiline, like Python's re.MULTILINE). */
export const replaceModule = defineModule({
  name: 'replace',
  summary: 'Replace every match of a regular expression in a file.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a): Promise<State> {
    const state = await probeContent(a.path);
    if (!state.path.exists) throw new ModuleFailure(`replace: path ${a.path} does not exist`);
    const encoding = nodeEncoding(a.encoding);
    const text = state.current?.toString(encoding) ?? '';
    try {
      const range = section(text, a.after, a.before);
      if (typeof range === 'string') return { ...state, edited: text, count: 0, encoding, unmatched: range };
      const [startAt, endAt] = range;
      const edit = pythonSubn(text.slice(startAt, endAt), pythonRegExp(a.regexp, 'm'), a.replace);
      const edited = text.slice(0, startAt) + edit.text + text.slice(endAt);
      return { ...state, edited, count: edit.count, encoding };
    } catch (error) {
      throw new ModuleFailure(`replace: ${a.path}: ${(error as Error).message}`);
    }
  },
  plan(a, state, env): Plan {
    if (state.unmatched !== undefined)
      return {
        steps: [],
        reason: `Pattern for before/after params did not match the given file: ${state.unmatched}`,
      };
    const plan = planContent(
      {
        dest: a.path,
        data: Buffer.from(state.edited, state.encoding),
        force: true,
        backup: a.backup,
        validate: a.validate,
        module: 'replace',
      },
      state,
      env.diff,
    );
    return plan.steps.length === 0
      ? { steps: [], reason: `${a.path}: nothing matched or nothing to replace` }
      : { ...plan, reason: `${state.count} replacements made` };
  },
  async apply(a, state, plan) {
    return {
      ...(await applyContent(
        {
          dest: a.path,
          data: Buffer.from(state.edited, state.encoding),
          force: true,
          backup: a.backup,
          validate: a.validate,
          module: 'replace',
        },
        state,
        plan as never,
      )),
      msg: plan.reason,
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(replaceModule);
