import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long one command a fact collector runs may take (`gather_timeout`, seconds); setup sets it per run. */
export const commandBudget = { seconds: 10 };

/** A file's text, trimmed as Ansible's `get_file_content` does, or undefined when it cannot be read. */
export function readText(path: string, trim = true): string | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return trim ? text.trim() : text;
  } catch {
    return undefined;
  }
}

/** A file's non-empty lines (empty when it cannot be read). */
export function readLines(path: string): string[] {
  return (readText(path, false) ?? '').split('\n').filter((l) => l !== '');
}

/** Whether a path exists (a dangling symlink does not). */
export function exists(path: string): boolean {
  return existsSync(path);
}

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The full path of an executable on PATH or the sbin folders (Ansible's `get_bin_path`), or undefined. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {}
  }
  return undefined;
}

/** Runs a command with the C locale within the gather budget; its stdout, or undefined when it fails. */
export function commandOutput(file: string, args: string[]): string | undefined {
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: commandBudget.seconds * 1000,
      env: { ...process.env, LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C' },
    });
  } catch {
    return undefined;
  }
}

/** Computes a value once per context (facts that cannot change while the context lives). */
export function once<T>(compute: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    cached ??= { value: compute() };
    return cached.value;
  };
}

/** Appends `item` to the list under `key`, starting the list when there is none. */
export function appendTo<T>(record: Record<string, unknown>, key: string, item: T): void {
  const list = record[key];
  if (Array.isArray(list)) list.push(item);
  else record[key] = [item];
}
