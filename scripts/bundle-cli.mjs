// Bundles the `play` command into one file (dist/play.mjs): loading ~380 compiled modules one by one costs
// every `play` about 0.1 s of CPU before it does anything. Run by `npm run build`; the tests reuse `bundleCli`.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `<root>/runner/cli/main.ts` into `outfile` (npm packages with native or binary parts stay external). */
export async function bundleCli(root, outfile) {
  await build({
    entryPoints: [`${root}/runner/cli/main.ts`],
    outfile,
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
