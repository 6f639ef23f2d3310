import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, chown, open, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { gidOf, uidOf } from '../host/accounts.js';
import { tempPathFor, type WriteAttributes } from '../host/atomic-write.js';
import type { PathState } from '../host/file-state.js';
import { resolveMode } from '../host/modes.js';

/**
 * The streaming sibling of `atomic-write.ts`, for downloads that should not sit in memory: the body goes to a
 * private temp file beside the destination (hashed on the way), and is renamed into place only once it is
 * complete, verified and given its mode and owner. A failure removes the temp file: nothing half-written.
 */

/** A complete body on disk, not yet in place. */
export interface StreamedFile {
  temp: string;
  size: number;
  sha1: string;
  md5: string;
  /** The digest with the requested algorithm (get_url's `checksum`), when one was asked for. */
  digest?: string;
}

/** Mode, owner and group as a module's arguments give them (Ansible's file-common arguments). */
export interface WantedAttributes {
  mode?: string | number;
  owner?: string | number;
  group?: string | number;
}

/** An attribute change to an existing file. */
export type AttributeStep = { do: 'chmod'; mode: number } | { do: 'chown'; uid?: number; gid?: number };

/** Streams `body` into a fresh temp file in `dest`'s directory, fsynced, with SHA-1, MD5 and `algorithm`. */
export async function streamToTemp(body: Readable, dest: string, algorithm?: string): Promise<StreamedFile> {
  const temp = tempPathFor(dest);
  const handle = await open(temp, 'wx', 0o600);
  const sha1 = createHash('sha1');
  const md5 = createHash('md5');
  const digest = algorithm ? createHash(algorithm) : undefined;
  let size = 0;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      sha1.update(bytes);
      md5.update(bytes);
      digest?.update(bytes);
      size += bytes.length;
      await handle.write(bytes);
    }
    await handle.sync();
  } catch (error) {
    body.destroy();
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  return { temp, size, sha1: sha1.digest('hex'), md5: md5.digest('hex'), digest: digest?.digest('hex') };
}

/** Removes a temp file that will not be used (identical content, failed checksum). */
export async function discardTemp(temp: string): Promise<void> {
  await unlink(temp).catch(() => {});
}

/** The attributes a new or replaced file gets: what was asked for, else what the old file had, else the umask. */
export function attributesForWrite(wanted: WantedAttributes, existing: PathState): WriteAttributes {
  const base = existing.exists ? (existing.mode ?? 0) : 0o666 & ~process.umask();
  return {
    mode: resolveMode(wanted.mode, base, false) ?? base,
    uid: wanted.owner !== undefined ? uidOf(wanted.owner) : existing.uid,
    gid: wanted.group !== undefined ? gidOf(wanted.group) : existing.gid,
    ownerBestEffort: wanted.owner === undefined && wanted.group === undefined,
  };
}

/** The attribute changes an existing file needs (none when it already matches). */
export function attributeSteps(wanted: WantedAttributes, existing: PathState): AttributeStep[] {
  const steps: AttributeStep[] = [];
  const mode = resolveMode(wanted.mode, existing.mode ?? 0, false);
  if (mode !== undefined && mode !== existing.mode) steps.push({ do: 'chmod', mode });
  const uid = wanted.owner !== undefined ? uidOf(wanted.owner) : undefined;
  const gid = wanted.group !== undefined ? gidOf(wanted.group) : undefined;
  if ((uid !== undefined && uid !== existing.uid) || (gid !== undefined && gid !== existing.gid))
    steps.push({ do: 'chown', uid, gid });
  return steps;
}

/** Carries out attribute steps on an existing file. */
export async function applyAttributeSteps(path: string, steps: AttributeStep[]): Promise<void> {
  for (const step of steps) {
    if (step.do === 'chmod') await chmod(path, step.mode);
    else await chown(path, step.uid ?? -1, step.gid ?? -1);
  }
}

/** The hex digest of a file's content, read as a stream (a downloaded file may be large). */
export async function fileDigest(path: string, algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
