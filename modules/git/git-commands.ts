import type { ModuleEnv } from '../contract/define-module.js';
import { ModuleFailure } from '../contract/define-module.js';
import { execute } from '../host/exec.js';

/** How the git module reaches `git`: the binary, the remote's ssh options, the task's environment. */
export interface GitRunner {
  executable: string;
  /** GIT_SSH_COMMAND and GIT_TERMINAL_PROMPT on top of the task's `environment`. */
  environment: Record<string, string>;
  log: ModuleEnv['log'];
}

/** Builds the runner: `accept_hostkey`/`accept_newhostkey` and `key_file` become a GIT_SSH_COMMAND. */
export function gitRunner(
  options: { executable?: string; accept?: boolean; keyFile?: string; sshOpts?: string },
  env: Pick<ModuleEnv, 'log' | 'environment'>,
): GitRunner {
  const ssh = ['ssh'];
  if (options.accept) ssh.push('-o', 'StrictHostKeyChecking=accept-new');
  if (options.keyFile) ssh.push('-i', options.keyFile, '-o', 'IdentitiesOnly=yes');
  if (options.sshOpts) ssh.push(options.sshOpts);
  const environment: Record<string, string> = { ...env.environment, GIT_TERMINAL_PROMPT: '0' };
  if (ssh.length > 1) environment.GIT_SSH_COMMAND = ssh.join(' ');
  return { executable: options.executable ?? 'git', environment, log: env.log };
}

/** Runs git with argv (never a shell); fails naming the command and git's own message unless `allowFailure`. */
export async function git(
  runner: GitRunner,
  argv: string[],
  options: { cwd?: string; allowFailure?: boolean; live?: boolean } = {},
): Promise<{ rc: number; stdout: string; stderr: string }> {
  const result = await execute(
    { argv: [runner.executable, ...argv], chdir: options.cwd },
    { environment: runner.environment, log: options.live ? runner.log : () => {} },
  ).catch((error: NodeJS.ErrnoException) => {
    throw new ModuleFailure(`git: cannot run ${runner.executable}: ${error.message}`);
  });
  if (result.rc !== 0 && !options.allowFailure) {
    throw new ModuleFailure(
      `git: \`git ${argv.join(' ')}\` failed (rc ${result.rc}): ${result.stderr || result.stdout}`,
      { rc: result.rc, stdout: result.stdout, stderr: result.stderr },
    );
  }
  return result;
}

/** What `version` names on the remote: a branch, a tag, HEAD's branch, or (when unknown) a commit sha. */
export interface RemoteVersion {
  kind: 'branch' | 'tag' | 'sha';
  /** The branch or tag name (for HEAD: the branch HEAD points at). */
  name: string;
  /** The commit it points at (tags peeled); undefined for a sha the remote cannot list. */
  sha?: string;
}

/** Resolves `version` with `git ls-remote` (read-only; what check mode uses too). */
export async function resolveRemote(
  runner: GitRunner,
  repo: string,
  version: string,
): Promise<RemoteVersion> {
  const out = (await git(runner, ['ls-remote', '--symref', repo])).stdout;
  const refs = new Map<string, string>();
  let headBranch: string | undefined;
  for (const line of out.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
    if (symref) headBranch = symref[1];
    const [sha, ref] = line.split('\t');
    if (sha && ref && /^[0-9a-f]{40,64}$/.test(sha)) refs.set(ref, sha);
  }
  if (version === 'HEAD') {
    if (headBranch) return { kind: 'branch', name: headBranch, sha: refs.get(`refs/heads/${headBranch}`) };
    return { kind: 'sha', name: 'HEAD', sha: refs.get('HEAD') };
  }
  const branch = refs.get(`refs/heads/${version}`);
  if (branch) return { kind: 'branch', name: version, sha: branch };
  const tag = refs.get(`refs/tags/${version}^{}`) ?? refs.get(`refs/tags/${version}`);
  if (tag) return { kind: 'tag', name: version, sha: tag };
  if (/^[0-9a-f]{4,64}$/i.test(version)) return { kind: 'sha', name: version.toLowerCase() };
  throw new ModuleFailure(`git: version ${version} is neither a branch, a tag nor a commit sha of ${repo}`);
}

/** True when the local HEAD is the wanted revision (a short sha matches by prefix). */
export function atVersion(head: string | undefined, wanted: RemoteVersion): boolean {
  if (!head) return false;
  if (wanted.sha) return head === wanted.sha;
  return head.startsWith(wanted.name);
}
