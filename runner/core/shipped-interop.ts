/**
 * Why this exists: the repository is `"type": "module"`, so esbuild bundles every module file in Node's
 * compatibility mode. For an import that stays external it then emits `__toESM(require("NAME"), 1)`, and that
 * `1` makes `default` the whole `module.exports` of the required module, as Node does for a CommonJS file.
 * Shipped modules are not CommonJS files, though: each is an ES module that esbuild turned into CommonJS and
 * marked with `__esModule`, so `import glob from './util/glob.js'` received the module object instead of the
 * function ("import_glob.default is not a function"). Dropping the flag for the modules Spindle ships makes
 * esbuild's helper honour `__esModule` (the default export for converted ES modules, `module.exports` for
 * real CommonJS packages, which do not set it).
 */

/** Rewrites a bundle's `__toESM(require("NAME"), 1)` to `__toESM(require("NAME"))` for each shipped `NAME`. */
export function shippedInterop(source: string, shippedNames: Iterable<string>): string {
  let out = source;
  for (const name of shippedNames) {
    out = out
      .split(`__toESM(require(${JSON.stringify(name)}), 1)`)
      .join(`__toESM(require(${JSON.stringify(name)}))`);
  }
  return out;
}

/**
 * The first shipped module a bundle still imports with an interop flag (any second argument to `__toESM`),
 * so a change in esbuild's output fails the bundling loudly instead of hiding default exports again.
 */
export function nodeModeImport(source: string, shippedNames: Iterable<string>): string | undefined {
  for (const name of shippedNames) {
    if (new RegExp(`__toESM\\(require\\(${escapeRegExp(JSON.stringify(name))}\\)\\s*,`).test(source))
      return name;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
