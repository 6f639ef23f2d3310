import { createHash } from 'node:crypto';
import { accessSync, constants, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { lstat, readFile, stat as statFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { groupNameOf, userNameOf } from './host/accounts.js';
import { fileAttributesOf, mimeOf } from './host/file-probes.js';
import { strerror } from './host/os-error.js';
import { statFacts } from './host/stat-facts.js';

const args = withAliases(
  z
    .object({
      path: z.string().min(1),
      follow: z.boolean().default(false),
      get_checksum: z.boolean().default(true),
      checksum_algorithm: z.enum(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha1'),
      get_mime: z.boolean().default(true),
      get_attributes: z.boolean().default(true),
      // Undocumented in Ansible 2.14 but still read: adds `md5` to a regular file's facts.
      get_md5: z.boolean().default(false),
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

/** Everything Ansible's stat reports about an existing path. */
async function describe(a: z.infer<typeof args>, st: Stats): Promise<Record<string, unknown>> {
  const facts: Record<string, unknown> = {
    exists: true,
    path: a.path,
    ...statFacts(st),
    blocks: st.blocks,
    block_size: st.blksize,
    device_type: st.rdev,
  };
  facts.readable = canAccess(a.path, constants.R_OK);
  facts.writeable = canAccess(a.path, constants.W_OK);
  facts.executable = canAccess(a.path, constants.X_OK);
  if (st.isSymbolicLink()) {
    facts.lnk_source = realpathOrSelf(a.path);
    facts.lnk_target = readlinkSync(a.path);
  }
  const owner = userNameOf(st.uid);
  if (owner !== undefined) facts.pw_name = owner;
  const group = groupNameOf(st.gid);
  if (group !== undefined) facts.gr_name = group;
  if (st.isFile() && facts.readable) {
    if (a.get_md5 || a.get_checksum) {
      const content = await readFile(a.path);
      if (a.get_md5) facts.md5 = createHash('md5').update(content).digest('hex');
      if (a.get_checksum) facts.checksum = createHash(a.checksum_algorithm).update(content).digest('hex');
    }
  }
  if (a.get_mime) Object.assign(facts, mimeOf(a.path));
  if (a.get_attributes) Object.assign(facts, fileAttributesOf(a.path));
  return facts;
}

/** `stat`: facts about a path (exists, size, mode, type, owner, checksum), never a change. */
export const statModule = defineModule({
  name: 'stat',
  pathArgs: ['path'],
  summary:
    'Report facts about a path: existence, type, size, mode, owner, times, checksum, MIME type, attributes.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a) {
    let st: Stats;
    try {
      st = await (a.follow ? statFile : lstat)(a.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
      throw new ModuleFailure(strerror(error as NodeJS.ErrnoException));
    }
    return describe(a, st);
  },
  plan: () => ({ steps: [], reason: '' }),
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

/** `os.path.realpath`: the resolved path; for a dangling link, its target resolved against the link's folder. */
function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(realpathSync(dirname(path)), readlinkSync(path));
    } catch {
      return resolve(path);
    }
  }
}
