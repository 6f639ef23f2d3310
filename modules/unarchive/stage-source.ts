import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleEnv } from '../contract/define-module.js';
import { ModuleFailure } from '../contract/define-module.js';

/** A source file the module can read on the host, and how to remove it when it was a temporary copy. */
export interface StagedSource {
  path: string;
  cleanup(): Promise<void>;
}

/** Where a source comes from: a host path (`remote_src`), bytes sent inline, or a controller file to fetch. */
export interface SourceArgs {
  module: string;
  src: string;
  remote_src: boolean;
  _src_path?: string;
  _data?: Uint8Array;
}

/**
 * Puts a controller file (inline bytes, or streamed through the file service) into a private temp directory
 * on the host, so tools like tar and unzip can read it; a `remote_src` path is used where it is.
 */
export async function stageSource(a: SourceArgs, env: ModuleEnv): Promise<StagedSource> {
  if (a.remote_src) {
    if (!existsSync(a.src))
      throw new ModuleFailure(`${a.module}: source ${a.src} does not exist on the host`);
    return { path: a.src, cleanup: async () => {} };
  }
  if (!a._data && !(a._src_path && (env.streamControllerFile || env.fetchControllerFile)))
    throw new ModuleFailure(`${a.module}: cannot read src ${a.src}: no controller file was provided`);
  const dir = await mkdtemp(join(tmpdir(), `spindle-${a.module}-`));
  const path = join(dir, 'source');
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    if (a._data) await writeFile(path, a._data, { mode: 0o600 });
    else if (env.streamControllerFile) await env.streamControllerFile(a._src_path as string, path);
    else
      await writeFile(
        path,
        await (env.fetchControllerFile as (p: string) => Promise<Buffer>)(a._src_path as string),
      );
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { path, cleanup };
}
