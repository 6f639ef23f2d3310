// Bundles the `play` command into dist/play.mjs plus shared chunks (dist/play-chunk-*.mjs): loading ~380 compiled
// modules one by one costs every `play` about 0.1 s of CPU before it does anything, and one single bundle makes
// `play --version` parse the whole runner. With code splitting each command's `import()` loads only its own chunk.
// Run by `npm run build`; the tests reuse `bundleCli`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles `<root>/runner/cli/main.ts` into `outfile` and its lazily loaded chunks beside it (npm packages with
 * native or binary parts stay external).
 */
export async function bundleCli(root, outfile) {
  const outdir = dirname(outfile);
  const name = basename(outfile, '.mjs');
  const stale = existsSync(outdir)
    ? readdirSync(outdir).filter((file) => file.startsWith(`${name}-chunk-`))
    : [];
  for (const file of stale) rmSync(join(outdir, file));
  await build({
    entryPoints: { [name]: `${root}/runner/cli/main.ts` },
    outdir,
    splitting: true,
    chunkNames: `${name}-chunk-[hash]`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild ships a binary, ssh2 an optional native addon; nunjucks names chokidar/fsevents only for watching.
    external: ['esbuild', 'ssh2', 'cpu-features', 'chokidar', 'fsevents'],
    // CommonJS dependencies (nunjucks) call require() for node builtins.
    banner: {
      js: "import { createRequire as __spindleCreateRequire } from 'node:module'; const require = __spindleCreateRequire(import.meta.url);",
    },
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await bundleCli(root, `${root}/dist/play.mjs`);
}
