import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tools a target needs besides node (the upload helper, and commands tests run); node is not among them. */
const TOOLS = ['sh', 'uname', 'sha256sum', 'cat', 'mkdir', 'chmod', 'mv', 'rm', 'id', 'env', 'ls', 'echo'];

/**
 * Makes `DIR/bare-bin`: symlinks to the usual tools but no `node`, for a PATH like a target without Node
 * (on this machine /bin is /usr/bin, which holds node, so neither can be on that PATH). Readable by test users.
 * `tools` replaces the default list (to leave out `sha256sum`, say); `name` names the folder.
 */
export function barePath(dir: string, options: { name?: string; tools?: string[] } = {}): string {
  const bin = join(dir, options.name ?? 'bare-bin');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const tool of options.tools ?? TOOLS) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  return bin;
}

/** The tools `barePath` links by default. */
export const BARE_TOOLS: readonly string[] = TOOLS;

/** Makes `DIR/fake-uname/uname`, printing `Linux MACHINE` for `-m` (a target of another architecture). */
export function fakeUname(dir: string, machine: string): string {
  const bin = join(dir, 'fake-uname');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  const script = `#!/usr/bin/sh\ncase "$1" in -m) echo ${machine};; -s) echo Linux;; *) echo "Linux ${machine}";; esac\n`;
  writeFileSync(join(bin, 'uname'), script, { mode: 0o755 });
  return bin;
}

/** Makes `DIR/old-node/node`: the real node made to report version 16.20.2, so the first stage refuses it. */
export function fakeOldNode(dir: string): string {
  const bin = join(dir, 'old-node');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  const preload = join(bin, 'pretend-16.cjs');
  writeFileSync(
    preload,
    "Object.defineProperty(process.versions, 'node', { value: '16.20.2' });\n" +
      "Object.defineProperty(process, 'version', { value: 'v16.20.2' });\n",
  );
  writeFileSync(join(bin, 'node'), `#!/usr/bin/sh\nexec ${process.execPath} -r ${preload} "$@"\n`, {
    mode: 0o755,
  });
  return bin;
}
