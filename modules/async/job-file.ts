import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../host/atomic-write.js';
import { expandUser } from '../host/expand-args.js';

/** The environment variable that names the folder of job files (Ansible's shell option `async_dir`). */
export const ASYNC_DIR_VARIABLE = 'ANSIBLE_ASYNC_DIR';

/** Ansible's default folder of job files, on the host, in the connecting user's home. */
export const DEFAULT_ASYNC_DIR = '~/.ansible_async';

/**
 * The file a background job's status and result are kept in on the host: `<async dir>/<jid>`, the folder taken
 * from the task's environment (the runner sets `ANSIBLE_ASYNC_DIR`), `~` expanded for this host's user.
 */
export function jobFilePath(jid: string, environment: Record<string, string> = {}): string {
  const env = { ...process.env, ...environment };
  const dir = env[ASYNC_DIR_VARIABLE] || DEFAULT_ASYNC_DIR;
  return join(expandUser(dir, env), jid);
}

/** Writes a job's record (JSON) in one step, creating the folder: a reader never sees half a record. */
export async function writeJobFile(path: string, record: Record<string, unknown>): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await atomicWrite(path, JSON.stringify(record));
}

/** What a job file holds: missing (no such job), a record, or text that is not (yet) one. */
export type JobFileContent =
  | { kind: 'missing' }
  | { kind: 'record'; record: Record<string, unknown> }
  | { kind: 'unreadable'; text: string };

/** Reads a job file as async_status does. */
export async function readJobFile(path: string): Promise<JobFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const record = JSON.parse(text) as unknown;
    if (record && typeof record === 'object' && !Array.isArray(record))
      return { kind: 'record', record: record as Record<string, unknown> };
  } catch {
    // Not JSON (yet): reported below.
  }
  return { kind: 'unreadable', text };
}

/** Removes a job file (async_status `mode: cleanup`). */
export function removeJobFile(path: string): Promise<void> {
  return unlink(path);
}
