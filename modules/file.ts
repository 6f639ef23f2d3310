import { chmod, lchown, mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { gidOf, uidOf } from './util/accounts.js';
import { withAliases } from './util/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './util/define-module.js';
import { type PathState, pathState } from './util/file-state.js';
import { formatMode, modeSchema, resolveMode } from './util/modes.js';
import { taskEntry } from './util/task-entry.js';

const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      state: z.enum(['file', 'directory', 'touch', 'absent', 'link', 'hard']).default('file'),
      mode: modeSchema.optional(),
      owner: z.union([z.string(), z.number()]).optional(),
      group: z.union([z.string(), z.number()]).optional(),
      src: z.string().optional(),
      recurse: z.boolean().default(false),
      force: z.boolean().default(false),
      modification_time: z.string().optional(),
      access_time: z.string().optional(),
      follow: z.boolean().default(true),
    })
    .strict(),
  { dest: 'path', name: 'path' },
);

type Step =
  | { do: 'mkdir' }
  | { do: 'touch' }
  | { do: 'remove' }
  | { do: 'link' }
  | { do: 'chmod'; mode: number }
  | { do: 'chown'; uid?: number; gid?: number }
  | { do: 'times' };

/** `file`: directories, empty files, links, removal, mode and ownership (Ansible's `file`). */
export const fileModule = defineModule({
  name: 'file',
  summary: 'Manage files, directories and links: state, mode, owner, group, timestamps.',
  runsOn: 'remote',
  idempotent: true,
  args,
  probe: (a) => pathState(a.path),
  plan(a, state: PathState): Plan<Step> {
    const steps: Step[] = [];
    const target = a.path;
    if (a.state === 'absent') {
      return state.exists
        ? { steps: [{ do: 'remove' }], reason: `${target} will be removed` }
        : { steps, reason: `${target} is already absent` };
    }
    if (a.state === 'file' && !state.exists) {
      return { steps: [], reason: `file (${target}) is absent, cannot continue` };
    }
    let created = false;
    if (a.state === 'directory' && !(state.exists && state.kind === 'directory')) {
      steps.push({ do: 'mkdir' });
      created = true;
    }
    if (a.state === 'touch') {
      const preserve = a.modification_time === 'preserve' && a.access_time === 'preserve';
      if (!state.exists) {
        steps.push({ do: 'touch' });
        created = true;
      } else if (!preserve) steps.push({ do: 'times' });
    }
    if ((a.state === 'link' || a.state === 'hard') && !(state.exists && state.kind === 'link'))
      steps.push({ do: 'link' });
    const current = created
      ? a.state === 'directory'
        ? 0o777 & ~process.umask()
        : 0o666 & ~process.umask()
      : (state.mode ?? 0);
    const mode = resolveMode(a.mode, current, a.state === 'directory');
    if (mode !== undefined && mode !== current) steps.push({ do: 'chmod', mode });
    const uid = a.owner !== undefined ? uidOf(a.owner) : undefined;
    const gid = a.group !== undefined ? gidOf(a.group) : undefined;
    if ((uid !== undefined && uid !== state.uid) || (gid !== undefined && gid !== state.gid))
      steps.push({ do: 'chown', uid, gid });
    if (steps.length === 0) {
      return {
        steps,
        reason: `${target} is already a ${state.kind}${mode !== undefined ? ` with mode ${formatMode(mode)}` : ''}`,
      };
    }
    const diff =
      mode !== undefined && mode !== current && !created
        ? [
            {
              path: target,
              kind: 'attributes' as const,
              before: `mode ${formatMode(current)}`,
              after: `mode ${formatMode(mode)}`,
            },
          ]
        : undefined;
    return { steps, reason: `${target}: ${steps.map((s) => s.do).join(', ')}`, diff };
  },
  async apply(a, state, plan) {
    if (a.state === 'file' && !state.exists)
      throw new ModuleFailure(`file (${a.path}) is absent, cannot continue`);
    for (const step of plan.steps) {
      switch (step.do) {
        case 'mkdir':
          await mkdir(a.path, { recursive: true });
          break;
        case 'touch':
          await writeFile(a.path, '', { flag: 'a' });
          break;
        case 'times': {
          const now = new Date();
          await utimes(a.path, now, now);
          break;
        }
        case 'remove':
          await rm(a.path, { recursive: true, force: true });
          break;
        case 'link':
          if (!a.src) throw new ModuleFailure(`file: src is required for state=${a.state}`);
          if (a.force) await rm(a.path, { force: true });
          await symlink(a.src, a.path);
          break;
        case 'chmod':
          await chmod(a.path, step.mode);
          break;
        case 'chown':
          await lchown(a.path, step.uid ?? -1, step.gid ?? -1);
          break;
      }
    }
    return { changed: true, path: a.path, state: a.state === 'touch' ? 'file' : a.state };
  },
  report: (a, state) => ({
    path: a.path,
    state: a.state === 'touch' ? 'file' : state.exists ? a.state : 'absent',
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(fileModule);
