import { chown, copyFile, stat, utimes } from 'node:fs/promises';

/**
 * Keeps a copy of `path` as `NAME.PID.YYYY-MM-DD@HH:MM:SS~` (Ansible's backup name) with the original's mode,
 * owner, group and times, as Ansible's `backup_local` (a preserved copy); returns the copy's path. An owner the
 * process may not give (not root) is left as the process's own.
 */
export async function backupCopy(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace('T', '@').slice(0, 19);
  const backup = `${path}.${process.pid}.${stamp}~`;
  const original = await stat(path);
  await copyFile(path, backup);
  await chown(backup, original.uid, original.gid).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM') throw error;
  });
  await utimes(backup, original.atime, original.mtime);
  return backup;
}
