import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { INLINE_FILE_LIMIT } from '../../bootstrap/protocol.js';
import { isVaultText } from '../../dsl/vault/index.js';
import type { ControllerFileHandOver } from '../../modules/contract/hand-over.js';
import type { ActionContext } from './action-context.js';

/** Whether a controller file is vault-encrypted (then it is decrypted here and travels inline, like Ansible's). */
function isVaultFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(32);
    return isVaultText(head.subarray(0, readSync(fd, head, 0, 32, 0)).toString('latin1'));
  } finally {
    closeSync(fd);
  }
}

/**
 * How a controller file travels (copy, unarchive, script): inline when small, otherwise offered to the file
 * service for streaming. With `decrypt`, a vault-encrypted file is decrypted here and travels inline.
 */
export function controllerFile(
  path: string,
  ctx: Pick<ActionContext, 'offerFile' | 'templar'>,
  options: { decrypt: boolean } = { decrypt: true },
): ControllerFileHandOver {
  if (options.decrypt && isVaultFile(path))
    return { _src_path: path, _data: ctx.templar.vault.fileText(readFileSync(path), path) };
  if (statSync(path).size <= INLINE_FILE_LIMIT) return { _src_path: path, _data: readFileSync(path) };
  ctx.offerFile(path);
  return { _src_path: path };
}
