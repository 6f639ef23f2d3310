import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { withAliases } from '../contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from '../contract/define-module.js';
import { taskEntry } from '../contract/task-entry.js';
import { unsupportedOptions } from '../contract/unsupported-options.js';
import {
  atVersion,
  type GitRunner,
  git,
  gitRunner,
  type RemoteVersion,
  resolveRemote,
} from './git-commands.js';

/** Options Ansible documents that this module does not implement (docs/modules), with "not used" values. */
const UNSUPPORTED = {
  archive: null,
  archive_prefix: null,
  gpg_whitelist: null,
  reference: null,
  refspec: null,
  separate_git_dir: null,
  track_submodules: false,
  umask: null,
  verify_commit: false,
} as const;
const args = withAliases(
  z
    .object({
      repo: z.string().min(1),
      dest: z.string().min(1),
      version: z.string().default('HEAD'),
      clone: z.boolean().default(true),
      update: z.boolean().default(true),
      force: z.boolean().default(false),
      depth: z.number().int().positive().optional(),
      remote: z.string().default('origin'),
      bare: z.boolean().default(false),
      single_branch: z.boolean().default(false),
      accept_hostkey: z.boolean().default(false),
      accept_newhostkey: z.boolean().default(false),
      key_file: z.string().optional(),
      ssh_opts: z.string().optional(),
      recursive: z.boolean().default(true),
      executable: z.string().optional(),
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict(),
  { name: 'repo' },
);

type Args = z.infer<typeof args>;

/** The destination as it is, and what `version` means on the remote. */
export interface GitState {
  /** dest holds a repository (a work tree with `.git`, or a bare repository). */
  isRepo: boolean;
  /** dest exists and is a non-empty directory that is not a repository. */
  occupied: boolean;
  before?: string;
  remoteUrl?: string;
  localMods: boolean;
  wanted?: RemoteVersion;
}

/** One thing to do to the destination, in order. */
export type GitStep = { do: 'clone' } | { do: 'set-url' } | { do: 'reset' } | { do: 'update' };

function runnerFor(a: Args, env: Parameters<typeof gitRunner>[1]): GitRunner {
  return gitRunner(
    {
      executable: a.executable,
      accept: a.accept_hostkey || a.accept_newhostkey,
      keyFile: a.key_file,
      sshOpts: a.ssh_opts,
    },
    env,
  );
}

/** `git`: clone a repository and keep it at a branch, tag or commit (Ansible's `git`), with the system git. */
export const gitModule = defineModule({
  name: 'git',
  pathArgs: ['dest', 'key_file', 'separate_git_dir', 'archive'],
  summary: 'Clone a git repository and keep it at a branch, tag or commit.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED,
  args,
  async probe(a, env): Promise<GitState> {
    const runner = runnerFor(a, env);
    const isRepo = a.bare
      ? existsSync(join(a.dest, 'HEAD')) && existsSync(join(a.dest, 'objects'))
      : existsSync(join(a.dest, '.git'));
    const state: GitState = { isRepo, occupied: false, localMods: false };
    if (!isRepo) {
      state.occupied = existsSync(a.dest) && readdirSync(a.dest).length > 0;
      if (a.clone && !state.occupied) state.wanted = await resolveRemote(runner, a.repo, a.version);
      return state;
    }
    const head = await git(runner, ['rev-parse', '--verify', '--quiet', 'HEAD'], {
      cwd: a.dest,
      allowFailure: true,
    });
    state.before = head.rc === 0 ? head.stdout.trim() : undefined;
    const url = await git(runner, ['config', '--get', `remote.${a.remote}.url`], {
      cwd: a.dest,
      allowFailure: true,
    });
    state.remoteUrl = url.rc === 0 ? url.stdout.trim() : undefined;
    if (!a.bare) {
      const status = await git(runner, ['status', '--porcelain', '--untracked-files=no'], { cwd: a.dest });
      state.localMods = status.stdout.trim() !== '';
    }
    if (a.update) state.wanted = await resolveRemote(runner, a.repo, a.version);
    return state;
  },
  plan(a, state): Plan<GitStep> {
    if (!state.isRepo) {
      if (state.occupied)
        throw new ModuleFailure(
          `git: ${a.dest} exists, is not empty and is not a git repository (${a.repo})`,
        );
      if (!a.clone) return { steps: [], reason: `${a.dest} is not cloned and clone is off` };
      return { steps: [{ do: 'clone' }], reason: `${a.repo} will be cloned into ${a.dest}` };
    }
    if (state.localMods && !a.force)
      throw new ModuleFailure(
        `git: Local modifications exist in the destination: ${a.dest} (force=no); repo ${a.repo}`,
        { before: state.before },
      );
    if (!a.update) return { steps: [], reason: `${a.dest} is already a clone and update is off` };
    const steps: GitStep[] = [];
    if (state.remoteUrl !== a.repo) steps.push({ do: 'set-url' });
    if (state.localMods) steps.push({ do: 'reset' });
    const wanted = state.wanted as RemoteVersion;
    if (!atVersion(state.before, wanted)) steps.push({ do: 'update' });
    const label = `${wanted.kind} ${wanted.name}`;
    if (steps.length === 0) return { steps, reason: `${a.dest} is already at ${label} (${state.before})` };
    return {
      steps,
      reason: `${a.dest}: ${steps.map((s) => s.do).join(', ')} to reach ${label}`,
    };
  },
  async apply(a, state, plan, env) {
    const runner = runnerFor(a, env);
    const wanted = state.wanted as RemoteVersion;
    for (const step of plan.steps) {
      if (step.do === 'clone') await clone(runner, a, wanted);
      if (step.do === 'set-url') {
        const verb = state.remoteUrl === undefined ? 'add' : 'set-url';
        await git(runner, ['remote', verb, a.remote, a.repo], { cwd: a.dest });
      }
      if (step.do === 'reset') await git(runner, ['reset', '--hard', 'HEAD'], { cwd: a.dest });
      if (step.do === 'update') await update(runner, a, wanted);
    }
    const after = (await git(runner, ['rev-parse', 'HEAD'], { cwd: a.dest })).stdout.trim();
    return {
      changed: true,
      before: state.before ?? null,
      after,
      remote_url_changed: state.isRepo && state.remoteUrl !== a.repo,
    };
  },
  report: (a, state, plan) => ({
    before: state.before ?? null,
    after: plan.steps.length === 0 ? (state.before ?? null) : (state.wanted?.sha ?? state.before ?? null),
    remote_url_changed: state.isRepo && a.update && state.remoteUrl !== a.repo,
  }),
});

async function clone(runner: GitRunner, a: Args, wanted: RemoteVersion): Promise<void> {
  const argv = ['clone', '--origin', a.remote];
  if (a.bare) argv.push('--bare');
  if (a.depth) argv.push('--depth', String(a.depth));
  if (a.single_branch) argv.push('--single-branch');
  else if (a.depth) argv.push('--no-single-branch');
  if (wanted.kind !== 'sha' && !a.bare) argv.push('--branch', wanted.name);
  if (a.recursive && !a.bare) argv.push('--recurse-submodules');
  await git(runner, [...argv, a.repo, a.dest], { live: true });
  if (wanted.kind === 'sha' && wanted.name !== 'HEAD' && !a.bare) await checkoutSha(runner, a, wanted.name);
}

async function checkoutSha(runner: GitRunner, a: Args, sha: string): Promise<void> {
  const first = await git(runner, ['checkout', '--force', sha], { cwd: a.dest, allowFailure: true });
  if (first.rc === 0) return;
  // A shallow clone may not hold the commit yet: ask the remote for it by id.
  const depth = a.depth ? ['--depth', String(a.depth)] : [];
  await git(runner, ['fetch', ...depth, a.remote, sha], { cwd: a.dest, live: true });
  await git(runner, ['checkout', '--force', sha], { cwd: a.dest });
}

async function update(runner: GitRunner, a: Args, wanted: RemoteVersion): Promise<void> {
  const depth = a.depth ? ['--depth', String(a.depth)] : [];
  const heads = a.bare ? '+refs/heads/*:refs/heads/*' : `+refs/heads/*:refs/remotes/${a.remote}/*`;
  await git(runner, ['fetch', ...depth, a.remote, heads, '+refs/tags/*:refs/tags/*'], {
    cwd: a.dest,
    live: true,
  });
  if (a.bare) return;
  if (wanted.kind === 'branch')
    await git(runner, ['checkout', '--force', '-B', wanted.name, `${a.remote}/${wanted.name}`], {
      cwd: a.dest,
    });
  else if (wanted.kind === 'tag')
    await git(runner, ['checkout', '--force', `refs/tags/${wanted.name}`], { cwd: a.dest });
  else await checkoutSha(runner, a, wanted.sha ?? wanted.name);
  if (a.recursive && existsSync(join(a.dest, '.gitmodules')))
    await git(runner, ['submodule', 'update', '--init', '--recursive'], { cwd: a.dest, live: true });
}

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(gitModule);
