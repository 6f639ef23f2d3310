import { open } from 'node:fs/promises';

/**
 * Ansible's `_diff_peek` guess (its action plugins ask it before showing a diff): a file whose first 8 KiB hold
 * a NUL byte looks binary; one that cannot be read is taken as text.
 */
export async function appearsBinary(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return head.subarray(0, bytesRead).includes(0);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
