import { spawn } from 'node:child_process';
import { ModuleFailure } from '../contract/define-module.js';
import { splitCommand } from './exec.js';

/**
 * copy and template `validate` (Ansible's "visudo -cf %s"): a command run against the temp file before it
 * replaces the destination. No shell: the command is split like Ansible's shlex, then `%s` is replaced in each word.
 */

/** Pure: fails as Ansible does when `validate` lacks `%s` (when a changed file is about to be written), else the argv template. */
export function validateArgv(validate: string): string[] {
  if (!validate.includes('%s')) throw new ModuleFailure(`validate must contain %s: ${validate}`);
  return splitCommand(validate);
}

function capture(argv: string[]): Promise<{ rc: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve({ rc: 127, stdout: '', stderr: error.message }));
    child.on('close', (code, signal) =>
      resolve({
        rc: code ?? (signal ? -1 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * Runs the `validate` command on `temp`; a non-zero exit fails as Ansible's module does: copy and template say
 * "failed to validate" with `exit_status`, `stdout` and `stderr`; the in-place editors put rc and stderr in msg.
 */
export async function runValidate(module: string, validate: string, temp: string): Promise<void> {
  const argv = validateArgv(validate).map((word) => word.replaceAll('%s', temp));
  const { rc, stdout, stderr } = await capture(argv);
  if (rc === 0) return;
  if (module === 'copy' || module === 'template')
    throw new ModuleFailure('failed to validate', { exit_status: rc, stdout, stderr });
  throw new ModuleFailure(`failed to validate: rc:${rc} error:${stderr}`);
}
