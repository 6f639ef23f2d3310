import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleEnv } from '../contract/define-module.js';
import { type ArchiveHandler, type ArchiveMember, TAR_FLAGS, tool, zipListing } from './archive-members.js';
import { crc32, fileCrc32 } from './crc32.js';

/** What the comparison needs from the task's arguments. */
export interface CompareOptions {
  include: string[];
  exclude: string[];
  extraOpts: string[];
  keepNewer: boolean;
  /** Attributes the task sets itself afterwards, so differences in them do not call for extracting. */
  setsMode: boolean;
  setsOwner: boolean;
}

/**
 * The differences between a tar archive and `dest`, as `tar --diff` reports them (what Ansible uses): type,
 * size, mode, mtime and content. Differences in attributes the task sets anyway (mode, owner) are ignored, and
 * so are owners when not running as root (extracting cannot keep them then).
 */
export async function tarDifferences(
  archive: string,
  handler: Exclude<ArchiveHandler, 'ZipArchive'>,
  dest: string,
  o: CompareOptions,
  env: Pick<ModuleEnv, 'environment'>,
): Promise<string[]> {
  const argv = ['tar', '--diff', '-C', dest, ...TAR_FLAGS[handler], ...o.extraOpts];
  if (o.keepNewer) argv.push('--keep-newer-files');
  argv.push(...o.exclude.map((e) => `--exclude=${e}`), '-f', archive, ...o.include);
  const { stdout, stderr } = await tool(argv, env, [0, 1]);
  const ignored = new Set<string>();
  if (o.setsMode) ignored.add('Mode');
  if (o.setsOwner || process.getuid?.() !== 0) ignored.add('Uid').add('Gid');
  const out: string[] = [];
  for (const line of stdout.split('\n').filter(Boolean)) {
    const m = /: (.*) differs$/.exec(line);
    if (!m || !ignored.has(m[1])) out.push(line);
  }
  for (const line of stderr.split('\n').filter(Boolean)) {
    // "tar: d/a.txt: Warning: Cannot stat: No such file or directory" → "d/a.txt: is missing"
    const missing = /^tar: (.*): Warning: Cannot stat: No such file or directory$/.exec(line);
    out.push(missing ? `${missing[1]}: missing` : line.replace(/^tar: /, ''));
  }
  return out;
}

/** The differences between a zip archive's members and `dest`: type, size, CRC-32 of content, Unix mode. */
export async function zipDifferences(
  archive: string,
  members: ArchiveMember[],
  dest: string,
  o: CompareOptions,
  env: Pick<ModuleEnv, 'environment'>,
): Promise<string[]> {
  const wanted = new Set(members.map((m) => m.name));
  const rows = zipListing((await tool(['unzip', '-Z', '-T', archive], env)).stdout);
  const crcs = new Map<string, string>();
  for (const line of (await tool(['unzip', '-v', archive], env)).stdout.split('\n')) {
    const m = /^\s*\d+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+([0-9a-f]{8})\s\s(.*)$/.exec(line);
    if (m) crcs.set(m[2], m[1]);
  }
  const out: string[] = [];
  for (const row of rows.filter((r) => wanted.has(r.name))) {
    const path = join(dest, row.name);
    const st = await lstat(path).catch(() => undefined);
    const kind = row.perms[0] === 'd' || row.name.endsWith('/') ? 'd' : row.perms[0] === 'l' ? 'l' : '-';
    if (!st) {
      out.push(`${row.name}: missing`);
      continue;
    }
    const actual = st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : st.isFile() ? '-' : '?';
    if (actual !== kind) out.push(`${row.name}: File type differs`);
    else if (kind === '-' && st.size !== row.size) out.push(`${row.name}: Size differs`);
    else if (kind === '-' && (await fileCrc32(path)) !== crcs.get(row.name))
      out.push(`${row.name}: Contents differ`);
    else if (kind === 'l') {
      const target = Buffer.from(await readlink(path));
      if (crc32(target).toString(16).padStart(8, '0') !== crcs.get(row.name))
        out.push(`${row.name}: Symlink differs`);
    } else if (row.os === 'unx' && !o.setsMode && permBits(row.perms) !== (st.mode & 0o777))
      out.push(`${row.name}: Mode differs`);
  }
  return out;
}

/** `-rwxr-x---` → 0o750 (the permission bits only). */
export function permBits(perms: string): number {
  let bits = 0;
  for (let i = 1; i < 10; i++)
    if (perms[i] !== '-' && perms[i] !== 'S' && perms[i] !== 'T') bits |= 1 << (9 - i);
  return bits;
}
