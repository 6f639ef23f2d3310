import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
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
import { pythonRegExp } from './text/python-re.js';

const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      block: z.string().default(''),
      marker: z.string().default('# {mark} ANSIBLE MANAGED BLOCK'),
      marker_begin: z.string().default('BEGIN'),
      marker_end: z.string().default('END'),
      state: z.enum(['present', 'absent']).default('present'),
      insertafter: z.string().optional(),
      insertbefore: z.string().optional(),
      create: z.boolean().default(false),
      ...backupArgs,
      ...fileAttributeArgs,
      ...fileExtraArgs,
      ...validateFileArgs,
    })
    .strict(),
  { dest: 'path', destfile: 'path', name: 'path', content: 'block' },
);

type Args = z.infer<typeof args>;

/** Python's `splitlines(True)` on bytes: lines with their `\n`, `\r\n` or `\r` kept. */
function splitLinesKeep(text: string): string[] {
  return text.match(/[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Ansible's blockinfile edit: replace the marked block, or insert it (EOF by default), or remove it. */
export function editBlock(
  text: string,
  a: Pick<
    Args,
    'block' | 'marker' | 'marker_begin' | 'marker_end' | 'state' | 'insertafter' | 'insertbefore'
  >,
): string {
  const lines = splitLinesKeep(text);
  const insertafter = a.insertbefore === undefined && a.insertafter === undefined ? 'EOF' : a.insertafter;
  const pattern =
    insertafter !== undefined && insertafter !== 'EOF'
      ? insertafter
      : a.insertbefore !== undefined && a.insertbefore !== 'BOF'
        ? a.insertbefore
        : undefined;
  const insertRe = pattern === undefined ? undefined : pythonRegExp(pattern);
  const begin = `${a.marker.replaceAll('{mark}', a.marker_begin)}\n`;
  const end = `${a.marker.replaceAll('{mark}', a.marker_end)}\n`;
  let blockLines: string[] = [];
  if (a.state === 'present' && a.block !== '') {
    const block = a.block.endsWith('\n') ? a.block : `${a.block}\n`;
    blockLines = [begin, ...splitLinesKeep(block), end];
  }
  let n0 = lines.lastIndexOf(begin);
  const n1 = lines.lastIndexOf(end);
  if (n0 < 0 || n1 < 0) {
    n0 = -1;
    if (insertRe) {
      if (insertRe.multiline) {
        const match = insertRe.exec(text);
        if (match) {
          const at = insertafter !== undefined ? match.index + match[0].length : match.index;
          n0 = text.slice(0, at).split('\n').length - 1;
        }
      } else n0 = lines.findLastIndex((line) => insertRe.test(line));
      if (n0 < 0) n0 = lines.length;
      else if (insertafter !== undefined) n0 += 1;
    } else n0 = insertafter === undefined ? 0 : lines.length;
  } else if (n0 < n1) lines.splice(n0, n1 - n0 + 1);
  else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  // A line separator before the inserted block.
  if (n0 > 0 && !lines[n0 - 1].endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blockLines);
  return lines.join('');
}

/** `blockinfile`: keeps a block of lines between `# BEGIN/END ANSIBLE MANAGED BLOCK` markers. */
export const blockinfileModule = defineModule({
  name: 'blockinfile',
  pathArgs: ['path'],
  summary: 'Insert, update or remove a block of lines surrounded by marker lines.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED_FILE_OPTIONS,
  args,
  async probe(a): Promise<State> {
    if (a.insertafter !== undefined && a.insertbefore !== undefined)
      throw new ModuleFailure('parameters are mutually exclusive: insertbefore|insertafter');
    const state = await probeContent(a.path);
    if (state.path.kind === 'directory' || (state.path.kind === 'link' && (await isDirectory(a.path))))
      throw new ModuleFailure(`Path ${a.path} is a directory !`, { rc: 256 });
    const real = await realpath(a.path).catch(() => a.path);
    const current = state.path.kind === 'link' ? await readFile(real).catch(() => undefined) : state.current;
    if (current === undefined && !a.create)
      throw new ModuleFailure(`Path ${a.path} does not exist !`, { rc: 257 });
    const linked = {
      ...state,
      current,
      path: state.path.kind === 'link' ? await pathState(real) : state.path,
    };
    return { ...linked, real, edited: editBlock(current?.toString('utf8') ?? '', a) };
  },
  plan(a, state, env): Plan<ContentStep> {
    if (state.current === undefined && a.state === 'absent')
      return { steps: [], reason: `File ${a.path} not present` };
    const plan = planContent(target(a, state), state, env.diff);
    const edited = state.current?.toString('utf8') !== state.edited;
    const what = !edited
      ? ''
      : state.current === undefined
        ? 'File created'
        : a.state === 'absent' || !a.block
          ? 'Block removed'
          : 'Block inserted';
    const attributes = plan.steps.some(
      (step) =>
        step.do === 'chown' ||
        (step.do === 'chmod' && (state.current !== undefined || step.mode !== (0o666 & ~process.umask()))),
    );
    const reason = attributes
      ? `${what ? `${what} and ` : ''}ownership, perms or SE linux context changed`
      : what;
    return { ...plan, reason };
  },
  async apply(a, state, plan) {
    if (state.current === undefined) await mkdir(dirname(state.real), { recursive: true });
    const result = await applyContent(target(a, state), state, plan);
    return {
      changed: true,
      msg: plan.reason,
      ...(result.backup_file ? { backup_file: result.backup_file } : {}),
    };
  },
});

type State = ContentState & {
  /** The file to write: the path with its links resolved (Ansible edits the real file). */
  real: string;
  edited: string;
};

function target(a: Args, state: State): ContentTarget {
  return editTarget('blockinfile', state.real, Buffer.from(state.edited), a);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(blockinfileModule);
