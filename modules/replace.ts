import { z } from 'zod';
import { withAliases } from './util/aliases.js';
import { applyContent, type ContentState, planContent, probeContent } from './util/content-file.js';
import { defineModule, ModuleFailure, type Plan } from './util/define-module.js';
import { pythonRegExp, pythonSubn } from './util/python-re.js';
import { taskEntry } from './util/task-entry.js';

const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      regexp: z.string(),
      replace: z.string().default(''),
      after: z.string().optional(),
      before: z.string().optional(),
      backup: z.boolean().default(false),
    })
    .strict(),
  { dest: 'path', destfile: 'path', name: 'path' },
);

/** `replace`: replaces every match of a regular expression in a file (multiline, like Python's re.MULTILINE). */
export const replaceModule = defineModule({
  name: 'replace',
  summary: 'Replace every match of a regular expression in a file.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a): Promise<ContentState & { edited: string; count: number }> {
    const state = await probeContent(a.path);
    if (!state.path.exists) throw new ModuleFailure(`replace: path ${a.path} does not exist`);
    const text = state.current?.toString('utf8') ?? '';
    const afterMatch = a.after ? pythonRegExp(a.after, 'm').exec(text) : undefined;
    const startAt =
      afterMatch === undefined
        ? 0
        : afterMatch === null
          ? text.length
          : afterMatch.index + afterMatch[0].length;
    const endMatch = a.before ? pythonRegExp(a.before, 'm').exec(text.slice(startAt)) : null;
    const endAt = endMatch ? startAt + endMatch.index : text.length;
    let edit: { text: string; count: number };
    try {
      edit = pythonSubn(text.slice(startAt, endAt), pythonRegExp(a.regexp, 'm'), a.replace);
    } catch (error) {
      throw new ModuleFailure(`replace: ${a.path}: ${(error as Error).message}`);
    }
    return { ...state, edited: text.slice(0, startAt) + edit.text + text.slice(endAt), count: edit.count };
  },
  plan(a, state, env): Plan {
    const plan = planContent(
      { dest: a.path, data: Buffer.from(state.edited), force: true, backup: a.backup },
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
        { dest: a.path, data: Buffer.from(state.edited), force: true, backup: a.backup },
        state,
        plan as never,
      )),
      msg: plan.reason,
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(replaceModule);
