import { open } from 'node:fs/promises';
import type { ModuleEnv } from '../contract/define-module.js';
import { ModuleFailure } from '../contract/define-module.js';
import { execute } from '../host/exec.js';
import { glob } from '../host/glob.js';

/** The archive kinds unarchive handles, named after Ansible's handler classes. */
export type ArchiveHandler = 'TarArchive' | 'TgzArchive' | 'TarBzipArchive' | 'TarXzArchive' | 'ZipArchive';

/** One member of an archive: its path inside the archive and its type. */
export interface ArchiveMember {
  name: string;
  type: 'file' | 'directory' | 'link' | 'hardlink' | 'other';
  /** A symbolic link's target. */
  target?: string;
}

/** GNU tar's decompression flag for each tar handler. */
export const TAR_FLAGS: Record<Exclude<ArchiveHandler, 'ZipArchive'>, string[]> = {
  TarArchive: [],
  TgzArchive: ['-z'],
  TarBzipArchive: ['-j'],
  TarXzArchive: ['-J'],
};

/** Tells the archive kind from its first bytes (never from its name), or fails naming the file. */
export async function detectHandler(path: string): Promise<ArchiveHandler> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(512);
  try {
    await handle.read(head, 0, 512, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'TgzArchive';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'TarBzipArchive';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'TarXzArchive';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return 'ZipArchive';
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'TarArchive';
  throw new ModuleFailure(`unarchive: ${path} is not a tar (plain, gz, bz2, xz) or zip archive`);
}

/** Runs an archive tool in the C locale (parsable messages), without a shell; fails naming the command. */
export async function tool(
  argv: string[],
  env: Pick<ModuleEnv, 'environment'>,
  okCodes: number[] = [0],
  cwd?: string,
): Promise<{ rc: number; stdout: string; stderr: string }> {
  const result = await execute(
    { argv, chdir: cwd },
    { environment: { ...env.environment, LC_ALL: 'C', LANG: 'C' }, log: () => {} },
  ).catch((error: Error & { code?: string }) => {
    // A missing tool is reported as Ansible's module words it (playbooks match "Unable to find required").
    if (error.code === 'ENOENT')
      throw new ModuleFailure(
        `Failed to find handler for the archive: make sure the command to extract it is installed.\nUnable to find required '${argv[0]}' binary in the path.`,
      );
    throw new ModuleFailure(`unarchive: cannot run ${argv[0]}: ${error.message}`);
  });
  if (!okCodes.includes(result.rc))
    throw new ModuleFailure(`unarchive: \`${argv.join(' ')}\` failed (rc ${result.rc}): ${result.stderr}`);
  return result;
}

/** Lists an archive's members with their types (`tar -tf` + `tar -tvf`, or `unzip -Z`). */
export async function listMembers(
  archive: string,
  handler: ArchiveHandler,
  env: Pick<ModuleEnv, 'environment'>,
): Promise<ArchiveMember[]> {
  if (handler === 'ZipArchive') {
    const out = (await tool(['unzip', '-Z', '-T', archive], env)).stdout;
    return zipListing(out).map(({ perms, name }) => ({
      name,
      type: perms[0] === 'd' || name.endsWith('/') ? 'directory' : perms[0] === 'l' ? 'link' : 'file',
    }));
  }
  const flags = TAR_FLAGS[handler];
  const names = (await tool(['tar', '-t', ...flags, '-f', archive], env)).stdout.split('\n');
  const verbose = (await tool(['tar', '-tv', ...flags, '-f', archive], env)).stdout.split('\n');
  return names
    .filter((name) => name !== '')
    .map((name, i) => {
      const line = verbose[i] ?? '';
      const kind = line[0];
      const arrow = line.lastIndexOf(`${name} -> `);
      return {
        name,
        type:
          kind === 'd'
            ? 'directory'
            : kind === 'l'
              ? 'link'
              : kind === 'h'
                ? 'hardlink'
                : kind === '-'
                  ? 'file'
                  : 'other',
        ...(kind === 'l' && arrow >= 0 ? { target: line.slice(arrow + name.length + 4) } : {}),
      } satisfies ArchiveMember;
    });
}

/** The member lines of `unzip -Z -T`: permissions, size, and name. */
export function zipListing(out: string): Array<{ perms: string; os: string; size: number; name: string }> {
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+\S+\s+(\S+)\s+(\d+)\s+\S+\s+\S+\s+\d{8}\.\d{6}\s(.*)$/.exec(line);
    if (m) rows.push({ perms: m[1], os: m[2], size: Number(m[3]), name: m[4] });
  }
  return rows;
}

/** Keeps the members `include` selects and `exclude` does not (shell patterns, like tar and unzip). */
export function selectMembers(
  members: ArchiveMember[],
  include: string[],
  exclude: string[],
): ArchiveMember[] {
  const inc = include.map(glob);
  const exc = exclude.map(glob);
  const bare = (name: string) => name.replace(/\/$/, '');
  return members.filter(
    (m) =>
      (inc.length === 0 || inc.some((t) => t(m.name) || t(bare(m.name)))) &&
      !exc.some((t) => t(m.name) || t(bare(m.name)) || t(bare(m.name).split('/').pop() ?? '')),
  );
}

/**
 * Refuses archives that would write outside `dest`: absolute member paths, `..` components, and members
 * whose path runs through a symbolic link the archive itself creates.
 */
export function refuseTraversal(archive: string, members: ArchiveMember[]): void {
  const links = new Set(members.filter((m) => m.type === 'link').map((m) => m.name.replace(/\/$/, '')));
  for (const member of members) {
    const parts = member.name.split('/');
    let why: string | undefined;
    if (member.name.startsWith('/')) why = 'is an absolute path';
    else if (parts.includes('..')) why = 'contains `..`';
    else {
      for (let i = 1; i < parts.length && !why; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (links.has(prefix) && prefix !== member.name.replace(/\/$/, ''))
          why = `goes through the symbolic link ${prefix}`;
      }
    }
    if (why)
      throw new ModuleFailure(
        `unarchive: refusing ${archive}: member ${member.name} ${why} (path traversal out of dest)`,
      );
  }
}
