import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import type { VaultSecret } from '../../dsl/vault/index.js';
import { OptionError } from './cli-errors.js';
import type { CliIo } from './cli-io.js';
import { readSecret } from './read-secret.js';
import type { VaultSources } from './settings.js';

/** How long a vault password script may run before the run gives up on it. */
const SCRIPT_TIMEOUT_MS = 30_000;

/**
 * Reads the vault passwords of a run, like Ansible: `prompt` asks without echo, an executable file is run and
 * its stdout is the password, any other file is read; surrounding whitespace is stripped. A source that
 * cannot be read is an OptionError naming the flag (exit 5). No sources: no secrets, and nothing is asked.
 */
export async function loadVaultSecrets(
  sources: VaultSources,
  io: Pick<CliIo, 'stdin' | 'stderr' | 'env' | 'cwd'>,
): Promise<VaultSecret[]> {
  const secrets: VaultSecret[] = [];
  for (const { label, source, where } of sources) {
    if (source === 'prompt') {
      const prompt = label === 'default' ? 'Vault password: ' : `Vault password (${label}): `;
      secrets.push({ label, password: await readSecret(prompt, io) });
      continue;
    }
    secrets.push({ label, password: readPasswordSource(source, where, io).trim() });
  }
  return secrets;
}

function readPasswordSource(path: string, where: string, io: Pick<CliIo, 'env' | 'cwd'>): string {
  try {
    if (!isExecutable(path)) return readFileSync(path, 'utf8');
  } catch (error) {
    throw new OptionError(
      where,
      `cannot read vault password file ${path} (from ${where}): ${(error as Error).message}`,
    );
  }
  try {
    return execFileSync(path, [], {
      cwd: io.cwd,
      env: io.env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: SCRIPT_TIMEOUT_MS,
    });
  } catch (error) {
    const failed = error as { status?: number | null; stderr?: string; message: string };
    const detail = failed.stderr?.trim() || failed.message;
    throw new OptionError(
      where,
      `vault password script ${path} (from ${where}) failed${failed.status ? ` with exit code ${failed.status}` : ''}: ${detail}`,
    );
  }
}

function isExecutable(path: string): boolean {
  if (!statSync(path).isFile()) throw new Error('not a file');
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
