import { isBuiltin } from 'node:module';
import { join, sep } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { SHARED_MODULE_FOLDERS } from '../../modules/shared-folders.js';
import { packageRoot } from './package-root.js';

/** Marks the shipped names of modules bundled for controller-validated built-ins (see `ModuleResponder.prepare`). */
export const INERT_SUFFIX = '+inert';

/** The shipped-module name of a local source file. */
export function fileModuleName(path: string): string {
  return `file:${path}`;
}

/** Where shipped code lives: the shared folders split into modules of their own, built-ins, the inert zod. */
export interface BundleLayout {
  /** Folders (ending in a separator) whose files are shipped once per context instead of inlined. */
  sharedRoots: string[];
  /** The built-in modules' folder (ending in a separator): its files are bundled against the inert zod. */
  builtinRoot: string;
  /** modules/contract/inert-zod.ts, shipped in place of zod to built-ins (the controller validates their args). */
  inertZod: string;
}

/** The layout of this package: the shared folders of `modules/`, `bootstrap/` and `extraSharedRoots` are shared. */
export function bundleLayout(extraSharedRoots: string[]): BundleLayout {
  const root = packageRoot();
  return {
    sharedRoots: [
      ...SHARED_MODULE_FOLDERS.map((folder) => join(root, 'modules', folder)),
      join(root, 'bootstrap'),
      ...extraSharedRoots,
    ].map((dir) => (dir.endsWith(sep) ? dir : dir + sep)),
    builtinRoot: join(root, 'modules') + sep,
    inertZod: join(root, 'modules', 'contract', 'inert-zod.ts'),
  };
}

/** The esbuild options for one shipped module: CommonJS for Node 18, npm packages minified. */
export function bundleOptions(name: string, entry: string, cwd: string, plugin: Plugin): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    absWorkingDir: cwd,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    logLevel: 'silent',
    minify: name.startsWith('npm:'),
    legalComments: 'none',
    plugins: [plugin],
  };
}

/**
 * The esbuild plugin that keeps shared code out of a bundle: Node builtins stay `require`s, npm packages and
 * files under the shared roots become external shipped modules (recorded in `dependencies`, name → path).
 */
export function splitPlugin(
  entry: string,
  dependencies: Map<string, string>,
  inert: boolean,
  layout: BundleLayout,
): Plugin {
  const { sharedRoots, inertZod } = layout;
  const suffix = inert ? INERT_SUFFIX : '';
  return {
    name: 'spindle-split',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (inert && (args.path === 'zod' || args.path.startsWith('zod/'))) {
          dependencies.set(`npm:zod${INERT_SUFFIX}`, inertZod);
          return { path: `npm:zod${INERT_SUFFIX}`, external: true };
        }
        const resolved = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'inner',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const bare = !args.path.startsWith('.') && !args.path.startsWith('/');
        if (bare && !args.importer.includes(`${sep}node_modules${sep}`)) {
          const name = `npm:${args.path}`;
          dependencies.set(name, resolved.path);
          return { path: name, external: true };
        }
        if (!bare && resolved.path !== entry && sharedRoots.some((root) => resolved.path.startsWith(root))) {
          const name = fileModuleName(resolved.path) + suffix;
          dependencies.set(name, resolved.path);
          return { path: name, external: true };
        }
        return { path: resolved.path };
      });
    },
  };
}
