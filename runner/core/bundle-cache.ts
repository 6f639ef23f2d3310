import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

let esbuildVersionCache: string | undefined;

/** esbuild's version (part of the cache key), read from its package.json: importing esbuild itself is slow. */
function esbuildVersion(): string {
  esbuildVersionCache ??= (createRequire(import.meta.url)('esbuild/package.json') as { version: string })
    .version;
  return esbuildVersionCache;
}

/** One bundled module as the responder needs it again: its code and the shared modules it imports. */
export interface CachedBundle {
  source: string;
  /** Shipped name → source path of each shared module the bundle imports. */
  dependencies: Array<[string, string]>;
}

interface Entry extends CachedBundle {
  /** Every file esbuild read for this bundle, with the mtime and size it had. */
  inputs: Array<[string, number, number]>;
}

/** Bumped when the entry layout or the bundling options change, so old entries are never read. */
const FORMAT = 2;

/**
 * The controller's disk cache of module bundles (`~/.cache/spindle/bundles`, or `$SPINDLE_CACHE_DIR/bundles`;
 * `SPINDLE_CACHE_DIR=off` turns it off). A run that ships modules bundled by an earlier run with unchanged
 * inputs skips esbuild entirely (≈0.3 s of CPU on two cores at the start of every `play`). An entry is used only
 * while every file esbuild read for it still has the same mtime and size; entries are written atomically.
 */
export class BundleCache {
  private constructor(private readonly dir: string | null) {}

  /** The cache at its default place (or none, when turned off). */
  static default(): BundleCache {
    const base = process.env.SPINDLE_CACHE_DIR;
    if (base === 'off') return new BundleCache(null);
    return new BundleCache(join(base || join(homedir(), '.cache', 'spindle'), 'bundles'));
  }

  /** A cache in `dir` (tests). */
  static at(dir: string | null): BundleCache {
    return new BundleCache(dir);
  }

  /** The bundle stored for (name, entry), if all of its inputs are unchanged. */
  read(name: string, entry: string): CachedBundle | undefined {
    if (!this.dir) return undefined;
    let stored: Entry;
    try {
      stored = JSON.parse(readFileSync(this.file(name, entry), 'utf8')) as Entry;
      for (const [path, mtimeMs, size] of stored.inputs) {
        const st = statSync(path);
        if (st.mtimeMs !== mtimeMs || st.size !== size) return undefined;
      }
    } catch {
      return undefined;
    }
    return { source: stored.source, dependencies: stored.dependencies };
  }

  /** Stores a bundle with the files it was made from (paths as esbuild's metafile names them, from `cwd`). */
  write(name: string, entry: string, bundle: CachedBundle, inputs: string[], cwd: string): void {
    if (!this.dir) return;
    try {
      const stamped = inputs.map((input): [string, number, number] => {
        const path = resolve(cwd, input);
        const st = statSync(path);
        return [path, st.mtimeMs, st.size];
      });
      mkdirSync(this.dir, { recursive: true });
      const file = this.file(name, entry);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ ...bundle, inputs: stamped } satisfies Entry));
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only costs the next run a bundling.
    }
  }

  private file(name: string, entry: string): string {
    const key = createHash('sha256')
      .update(JSON.stringify([FORMAT, esbuildVersion(), name, entry]))
      .digest('hex')
      .slice(0, 32);
    return join(this.dir!, `${key}.json`);
  }
}
