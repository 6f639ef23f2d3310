import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The checkout's root (the folder with Spindle's package.json), from the sources or from dist/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 10; depth++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'spindle') {
      cached = dir;
      return dir;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the spindle package root above ' + fileURLToPath(import.meta.url));
}
