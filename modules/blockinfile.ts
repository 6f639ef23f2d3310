import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { applyContent, type ContentState, planContent, probeContent } from './host/content-file.js';
import {
  backupArgs,
  fileAttributeArgs,
  fileExtraArgs,
  UNSUPPORTED_FILE_OPTIONS,
  validateFileArgs,
} from './host/file-args.js';

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

/** Ansible's blockinfile edit: replace the marked block, or insert it (EOF by default), or remove it. */
export function editBlock(
  text: string,
  a: Pick<
    Args,
    'block' | 'marker' | 'marker_begin' | 'marker_end' | 'state' | 'insertafter' | 'insertbefore'
  >,
): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const begin = a.marker.replace('{mark}', a.marker_begin);
  const end = a.marker.replace('{mark}', a.marker_end);
  const start = lines.indexOf(begin);
  const stop = start >= 0 ? lines.indexOf(end, start) : -1;
  const blockLines =
    a.state === 'present' && a.block !== '' ? [begin, ...a.block.replace(/\n$/, '').split('\n'), end] : [];
  const out = [...lines];
  if (start >= 0 && stop >= 0) {
    out.splice(start, stop - start + 1, ...blockLines);
  } else if (blockLines.length > 0) {
    let at = out.length;
    if (a.insertbefore === 'BOF') at = 0;
    else if (a.insertbefore) {
      const re = new RegExp(a.insertbefore);
      const found = out.reduce((last, line, i) => (re.test(line) ? i : last), -1);
      if (found >= 0) at = found;
    } else if (a.insertafter && a.insertafter !== 'EOF') {
      const re = new RegExp(a.insertafter);
      const found = out.reduce((last, line, i) => (re.test(line) ? i : last), -1);
      if (found >= 0) at = found + 1;
    }
    out.splice(at, 0, ...blockLines);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** `blockinfile`: keeps a block of lines between `# BEGIN/END ANSIBLE MANAGED BLOCK` markers. */
export const blockinfileModule = defineModule({
  name: 'blockinfile',
  summary: 'Insert, update or remove a block of lines surrounded by marker lines.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED_FILE_OPTIONS,
  args,
  async probe(a): Promise<ContentState & { edited: string }> {
    const state = await probeContent(a.path);
    if (!state.path.exists && !a.create && a.state === 'present')
      throw new ModuleFailure(`blockinfile: path ${a.path} does not exist`);
    return { ...state, edited: editBlock(state.current?.toString('utf8') ?? '', a) };
  },
  plan(a, state, env): Plan {
    if (!state.path.exists && a.state === 'absent') return { steps: [], reason: `${a.path} does not exist` };
    const plan = planContent(target(a, state.edited), state, env.diff);
    return plan.steps.length === 0
      ? { steps: [], reason: `${a.path}: the block is already as wanted` }
      : {
          ...plan,
          reason:
            a.state === 'absent'
              ? 'Block removed'
              : state.current?.length
                ? 'Block inserted'
                : 'File created',
        };
  },
  async apply(a, state, plan) {
    return { ...(await applyContent(target(a, state.edited), state, plan as never)), msg: plan.reason };
  },
});

function target(a: Args, text: string) {
  return {
    dest: a.path,
    data: Buffer.from(text),
    mode: a.mode,
    owner: a.owner,
    group: a.group,
    force: true,
    backup: a.backup,
    validate: a.validate,
    module: 'blockinfile',
  };
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(blockinfileModule);
