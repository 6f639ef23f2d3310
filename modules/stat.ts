import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { lstat, readFile, stat as statFile } from 'node:fs/promises';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { groupNameOf, userNameOf } from './host/accounts.js';
import { formatMode } from './host/modes.js';

const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      follow: z.boolean().default(false),
      get_checksum: z.boolean().default(true),
      checksum_algorithm: z.enum(['sha1', 'sha256', 'md5']).default('sha1'),
      // Accepted; Spindle's result has no `mimetype`/`charset` nor `attributes` (docs/modules/stat.md).
      get_mime: z.boolean().default(true),
      get_attributes: z.boolean().default(true),
    })
    .strict(),
  {
    dest: 'path',
    name: 'path',
    checksum: 'checksum_algorithm',
    checksum_algo: 'checksum_algorithm',
    mime: 'get_mime',
    mime_type: 'get_mime',
    'mime-type': 'get_mime',
    attr: 'get_attributes',
    attributes: 'get_attributes',
  },
);

/** `stat`: facts about a path (exists, size, mode, type, owner, checksum), never a change. */
export const statModule = defineModule({
  name: 'stat',
  summary: 'Report facts about a path: existence, type, size, mode, owner, times, checksum.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a) {
    try {
      const st = await (a.follow ? statFile : lstat)(a.path);
      const facts: Record<string, unknown> = {
        exists: true,
        path: a.path,
        size: st.size,
        mode: formatMode(st.mode),
        isdir: st.isDirectory(),
        isreg: st.isFile(),
        islnk: st.isSymbolicLink(),
        uid: st.uid,
        gid: st.gid,
        mtime: st.mtimeMs / 1000,
        atime: st.atimeMs / 1000,
        ctime: st.ctimeMs / 1000,
        inode: st.ino,
        dev: st.dev,
        nlink: st.nlink,
        pw_name: userNameOf(st.uid) ?? String(st.uid),
        gr_name: groupNameOf(st.gid) ?? String(st.gid),
        isblk: st.isBlockDevice(),
        ischr: st.isCharacterDevice(),
        isfifo: st.isFIFO(),
        issock: st.isSocket(),
        isuid: (st.mode & 0o4000) !== 0,
        isgid: (st.mode & 0o2000) !== 0,
        blocks: st.blocks,
        block_size: st.blksize,
        readable: canAccess(a.path, constants.R_OK),
        writeable: canAccess(a.path, constants.W_OK),
        executable: canAccess(a.path, constants.X_OK),
      };
      if (a.get_checksum && st.isFile())
        facts.checksum = createHash(a.checksum_algorithm)
          .update(await readFile(a.path))
          .digest('hex');
      return facts;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
      throw error;
    }
  },
  plan: (a, facts) => ({ steps: [], reason: facts.exists ? `${a.path} exists` : `${a.path} does not exist` }),
  apply: async () => ({ changed: false }),
  report: (_a, facts) => ({ stat: facts }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(statModule);

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
