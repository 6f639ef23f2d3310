import { createHash } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { tempPathFor } from './atomic-write.js';

/**
 * Writes a stream of chunks to `dest` the atomic way (temp file in the same directory, fsync, rename), for
 * controller files too large to hold in memory; returns the size and SHA-1 of what was written.
 */
export async function streamToFile(
  dest: string,
  produce: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<unknown>,
): Promise<{ size: number; sha1: string }> {
  const temp = tempPathFor(dest);
  const handle = await open(temp, 'wx', 0o600);
  const hash = createHash('sha1');
  let size = 0;
  try {
    // Chunks may arrive while an earlier one is still being written: chain the writes to keep their order.
    let tail: Promise<unknown> = Promise.resolve();
    await produce((chunk) => {
      hash.update(chunk);
      size += chunk.length;
      tail = tail.then(() => handle.write(chunk));
      return tail.then(() => {});
    });
    await tail;
    await handle.sync();
    await handle.close();
    await rename(temp, dest);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  return { size, sha1: hash.digest('hex') };
}
