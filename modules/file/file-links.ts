import { link, lstat, readdir, readlink, rename, rmdir, stat, symlink, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ModuleFailure } from '../contract/define-module.js';
import type { PathState } from '../host/file-state.js';

/**
 * `file` with `state: link` or `state: hard`, by Ansible's rules (ensure_symlink / ensure_hardlink): what the
 * path is now, whether it must be (re)made, and the atomic replacement (link to a temp name, then rename).
 */

/** What the link states need to know beyond the path's own state. */
export interface LinkFacts {
  /** The current target of a symbolic link at the path. */
  linkTarget?: string;
  /** Inode and link count of the path itself (`hard` when a regular file has more than one link). */
  ino?: number;
  nlink?: number;
  /** Whether a directory at the path is empty (only an empty directory may become a symlink). */
  dirEmpty?: boolean;
  /** `src` as Ansible resolves it: relative to the link's directory for symlinks, as given for hard links. */
  srcPath?: string;
  srcExists: boolean;
  srcIno?: number;
}

/** The arguments the link states use. */
export interface LinkArgs {
  path: string;
  state: string;
  src?: string;
  force: boolean;
}

/** Ansible's name for what a path is: absent, link, directory, hard (a file with other links) or file. */
export function prevState(state: PathState, facts?: LinkFacts): string {
  if (!state.exists) return 'absent';
  if (state.kind === 'link' || state.kind === 'directory') return state.kind;
  return (facts?.nlink ?? state.nlink ?? 1) > 1 ? 'hard' : 'file';
}

/** Reads what `planLink` needs; changes nothing. */
export async function probeLink(a: LinkArgs, state: PathState): Promise<LinkFacts> {
  const facts: LinkFacts = { srcExists: false };
  if (state.exists) {
    const st = await lstat(a.path);
    facts.ino = st.ino;
    facts.nlink = st.nlink;
    if (state.kind === 'link') facts.linkTarget = await readlink(a.path);
    if (state.kind === 'directory') facts.dirEmpty = (await readdir(a.path)).length === 0;
  }
  if (a.src === undefined) return facts;
  const base = a.state === 'link' && state.kind !== 'directory' ? dirname(a.path) : a.path;
  facts.srcPath = a.state === 'link' ? resolve(base, a.src) : a.src;
  try {
    const st = await stat(facts.srcPath);
    facts.srcExists = true;
    facts.srcIno = st.ino;
  } catch {
    facts.srcExists = false;
  }
  return facts;
}

/** Pure: whether the link must be (re)made, or a failure with Ansible's message. */
export function planLink(a: LinkArgs, state: PathState, facts: LinkFacts): { make: boolean; reason: string } {
  const prev = prevState(state, facts);
  if (a.state === 'link') {
    if (a.src === undefined) {
      if (prev === 'link')
        return { make: false, reason: `${a.path} is already a link to ${facts.linkTarget}` };
      throw new ModuleFailure(`file: src is required for creating new symlinks (${a.path})`);
    }
    if (!a.force && !facts.srcExists)
      throw new ModuleFailure(
        `src file does not exist, use "force=yes" if you really want to create the link: ${facts.srcPath}`,
      );
    if (prev === 'directory') {
      if (!a.force) throw new ModuleFailure(`refusing to convert from directory to symlink for ${a.path}`);
      if (!facts.dirEmpty)
        throw new ModuleFailure(`the directory ${a.path} is not empty, refusing to convert it`);
    } else if ((prev === 'file' || prev === 'hard') && !a.force) {
      throw new ModuleFailure(`refusing to convert from ${prev} to symlink for ${a.path}`);
    }
    if (prev === 'link' && facts.linkTarget === a.src)
      return { make: false, reason: `${a.path} is already a link to ${a.src}` };
    return {
      make: true,
      reason: `${a.path} will link to ${a.src}${prev === 'absent' ? '' : ` (was ${prev})`}`,
    };
  }
  if (a.src === undefined) throw new ModuleFailure('src is required for creating new hardlinks');
  if (!facts.srcExists) throw new ModuleFailure(`src does not exist: ${a.src}`, { dest: a.path, src: a.src });
  const same = facts.ino !== undefined && facts.ino === facts.srcIno;
  if (prev !== 'absent' && prev !== 'link' && same)
    return { make: false, reason: `${a.path} is already a hard link to ${a.src}` };
  if (prev === 'hard' && !a.force)
    throw new ModuleFailure('Cannot link, different hard link exists at destination', {
      dest: a.path,
      src: a.src,
    });
  if (prev === 'file' && !a.force)
    throw new ModuleFailure('Cannot link, file exists at destination', { dest: a.path, src: a.src });
  if (prev === 'directory')
    throw new ModuleFailure('Cannot link: different hard link exists at destination', {
      dest: a.path,
      src: a.src,
    });
  return {
    make: true,
    reason: `${a.path} will be a hard link to ${a.src}${prev === 'absent' ? '' : ` (was ${prev})`}`,
  };
}

/** Makes the link; an existing path is replaced atomically (link to a temp name beside it, then rename). */
export async function applyLink(a: LinkArgs & { src: string }, state: PathState): Promise<void> {
  const make = (at: string) => (a.state === 'link' ? symlink(a.src, at) : link(a.src, at));
  if (!state.exists) return make(a.path);
  const temp = join(dirname(a.path), `.${process.pid}.${Date.now()}.tmp`);
  try {
    await make(temp);
    if (state.kind === 'directory') await rmdir(a.path);
    await rename(temp, a.path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw new ModuleFailure(`Error while replacing: ${(error as Error).message}`, { path: a.path });
  }
}
