import { isAbsolute, resolve } from 'node:path';

/** Names an exported function of a module file: what `ctx.call` runs remotely (never a closure). */
export interface FunctionRef {
  /** Absolute path of the .ts/.js module file. */
  module: string;
  export: string;
}

/** Builds a FunctionRef; a relative path is resolved from the current directory. */
export function ref(modulePath: string, exportName: string): FunctionRef {
  return { module: isAbsolute(modulePath) ? modulePath : resolve(modulePath), export: exportName };
}
