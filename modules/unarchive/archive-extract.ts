import { chmod, chown, lstat, mkdtemp, readdir, rename, rm, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleEnv } from '../contract/define-module.js';
import { ModuleFailure } from '../contract/define-module.js';
import type { CompareOptions } from './archive-compare.js';
import { type ArchiveHandler, TAR_FLAGS, tool } from './archive-members.js';

/**
 * Extracts an archive without exposing half-written members: everything lands first in a temp directory
 * inside `dest` (same filesystem), then each entry is renamed into place; directories that already exist
 * are merged. A failed extraction leaves `dest` as it was.
 */
export async function extractInto(
  archive: string,
  handler: ArchiveHandler,
  dest: string,
  o: CompareOptions,
  env: Pick<ModuleEnv, 'environment'>,
): Promise<void> {
  const temp = await mkdtemp(join(dest, '.spindle-unarchive-'));
  try {
    if (handler === 'ZipArchive') {
      const argv = ['unzip', '-o', '-q', ...o.extraOpts, archive, ...o.include];
      if (o.exclude.length > 0) argv.push('-x', ...o.exclude);
      // 1: warnings only; 11: nothing matched the include patterns.
      await tool([...argv, '-d', temp], env, [0, 1, 11]);
    } else {
      const argv = ['tar', '-x', '-C', temp, ...TAR_FLAGS[handler], ...o.extraOpts];
      argv.push(...o.exclude.map((e) => `--exclude=${e}`), '-f', archive, ...o.include);
      await tool(argv, env);
    }
    await merge(temp, dest, o.keepNewer);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Moves every entry of `from` into `to`: renames new or replaced entries, recurses into existing directories. */
async function merge(from: string, to: string, keepNewer: boolean): Promise<void> {
  for (const name of await readdir(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const [src, dst] = await Promise.all([lstat(source), lstat(target).catch(() => undefined)]);
    if (dst && keepNewer && !dst.isDirectory() && dst.mtimeMs > src.mtimeMs) continue;
    if (dst?.isDirectory() && src.isDirectory()) {
      await merge(source, target, keepNewer);
      // The directory keeps what the archive says about it, as tar would have set it.
      await chmod(target, src.mode & 0o7777);
      if (process.getuid?.() === 0) await chown(target, src.uid, src.gid);
      await utimes(target, src.atime, src.mtime);
      continue;
    }
    if (dst?.isDirectory())
      throw new ModuleFailure(`unarchive: ${target} is a directory; the archive holds a file there`);
    if (dst && src.isDirectory()) await unlink(target);
    await rename(source, target);
  }
}
