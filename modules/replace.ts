import { readFile, realpath, stat } from 'node:fs/promises';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import {
  applyContent,
  type ContentState,
  type ContentStep,
  type ContentTarget,
  editTarget,
  planContent,
  probeContent,
} from './host/content-file.js';
import {
  backupArgs,
  fileAttributeArgs,
  fileExtraArgs,
  UNSUPPORTED_FILE_OPTIONS,
  validateFileArgs,
} from './host/file-args.js';
import { pathState } from './host/file-state.js';
import { pythonRegExp, pythonSubn } from './text/python-re.js';

/** Ansible documents `others` (the file module's arguments) as an option of its own: accepted, fails when set. */
const UNSUPPORTED = { others: null } as const;
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
      ...fileAttributeArgs,
      ...fileExtraArgs,
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict(),
  { dest: 'path', destfile: 'path', name: 'path' },
);

type State = ContentState & {
  /** The file to write: the path with its links resolved (Ansible edits the real file). */
  real: string;
  edited: string;
  /** Replacements made; 0 when the section did not change. */
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

/** The content to write and the attributes to set: what `planContent` and `applyContent` both take. */
function target(a: z.infer<typeof args>, state: State): ContentTarget {
  const data =
    state.count > 0 ? Buffer.from(state.edited, state.encoding) : (state.current ?? Buffer.alloc(0));
  return editTarget('replace', state.real, data, a);
}

/** Ansible's message: the replacements, then the attribute change, joined by "and". */
function message(state: State, plan: Plan<ContentStep>): string {
  const replaced = state.count > 0 ? `${state.count} replacements made` : '';
  if (!plan.steps.some((step) => step.do !== 'write')) return replaced;
  return `${replaced ? `${replaced} and ` : ''}ownership, perms or SE linux context changed`;
}

/** `replace`: replaces every match of a regular expression in a file (multiline, like Python's re.MULTILINE). */
export const replaceModule = defineModule({
  name: 'replace',
  pathArgs: ['path'],
  summary: 'Replace every match of a regular expression in a file.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { ...UNSUPPORTED_FILE_OPTIONS, ...UNSUPPORTED },
  args,
  async probe(a): Promise<State> {
    const state = await probeContent(a.path);
    if (state.path.kind === 'directory' || (state.path.kind === 'link' && (await isDirectory(a.path))))
      throw new ModuleFailure(`Path ${a.path} is a directory !`, { rc: 256 });
    const real = await realpath(a.path).catch(() => a.path);
    const current = state.path.kind === 'link' ? await readFile(real).catch(() => undefined) : state.current;
    if (current === undefined) throw new ModuleFailure(`Path ${a.path} does not exist !`, { rc: 257 });
    const encoding = nodeEncoding(a.encoding);
    const text = current.toString(encoding);
    const linked = {
      ...state,
      current,
      path: state.path.kind === 'link' ? await pathState(real) : state.path,
    };
    const range = section(text, a.after, a.before);
    if (typeof range === 'string')
      return { ...linked, real, edited: text, count: 0, encoding, unmatched: range };
    const [startAt, endAt] = range;
    const edit = substitute(a, text.slice(startAt, endAt));
    const changed = edit.count > 0 && edit.text !== text.slice(startAt, endAt);
    const edited = text.slice(0, startAt) + edit.text + text.slice(endAt);
    return { ...linked, real, edited, count: changed ? edit.count : 0, encoding };
  },
  plan(a, state, env): Plan<ContentStep> {
    if (state.unmatched !== undefined)
      return {
        steps: [],
        reason: `Pattern for before/after params did not match the given file: ${state.unmatched}`,
      };
    const plan = planContent(target(a, state), state, env.diff);
    return { ...plan, reason: message(state, plan) };
  },
  async apply(a, state, plan) {
    const result = await applyContent(target(a, state), state, plan);
    return {
      changed: true,
      rc: 0,
      msg: plan.reason,
      ...(result.backup_file ? { backup_file: result.backup_file } : {}),
    };
  },
  report: () => ({ rc: 0 }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(replaceModule);

/** Every match of `regexp` in the section replaced; a bad pattern or group reference fails naming the file. */
function substitute(a: z.infer<typeof args>, section: string): { text: string; count: number } {
  try {
    return pythonSubn(section, pythonRegExp(a.regexp, 'm'), a.replace);
  } catch (error) {
    throw new ModuleFailure(`replace: ${a.path}: ${(error as Error).message}`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
