import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module script shared with `npm run build`, without type declarations
import { bundleCli } from '../../scripts/bundle-cli.mjs';

/** The checkout's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A private copy of the `play` package: `bin` runs it, `pathDir` holds an executable `play` for PATH. */
export interface BundledPlay {
  bin: string;
  pathDir: string;
  remove(): void;
}

/**
 * Bundles the CLI with the build's own `bundleCli` into a private folder under the checkout's (git-ignored)
 * `.cache/`, so tests run the real `bin/play` without a shared `npm run build`: npm dependencies resolve from
 * the checkout's node_modules, and the package root (bootstrap and module sources) is the checkout.
 */
export async function bundlePlay(): Promise<BundledPlay> {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const pkg = mkdtempSync(join(ROOT, '.cache/play-'));
  await bundleCli(ROOT, join(pkg, 'dist', 'play.mjs'));
  mkdirSync(join(pkg, 'bin'));
  copyFileSync(join(ROOT, 'bin/play'), join(pkg, 'bin/play'));
  const pathDir = join(pkg, 'path');
  mkdirSync(pathDir);
  writeFileSync(
    join(pathDir, 'play'),
    `#!/bin/sh\nexec '${process.execPath}' '${join(pkg, 'bin/play')}' "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return { bin: join(pkg, 'bin/play'), pathDir, remove: () => rmSync(pkg, { recursive: true, force: true }) };
}
