import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleDefinition, ModuleEnv, ModuleResult } from '../../modules/contract/define-module.js';
import { runModule } from '../../modules/contract/run-module.js';

/** A module environment for in-process runs: records live output lines. */
export function testEnv(options: { check?: boolean; diff?: boolean } = {}): ModuleEnv & { lines: string[] } {
  const lines: string[] = [];
  return {
    check: options.check ?? false,
    diff: options.diff ?? false,
    lines,
    log: (line) => lines.push(line),
  };
}

/** Runs a module in-process, like the remote entry does. */
export function run(
  definition: ModuleDefinition,
  args: unknown,
  options: { check?: boolean; diff?: boolean } = {},
): Promise<ModuleResult> {
  return runModule(definition, args, testEnv(options));
}

/** A snapshot of a directory tree (paths, modes, contents) to prove check mode touched nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    const st = statSync(path);
    out[path] = `${(st.mode & 0o7777).toString(8)} ${st.isFile() ? readFileSync(path, 'base64') : 'dir'}`;
    if (st.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(dir);
  return out;
}
