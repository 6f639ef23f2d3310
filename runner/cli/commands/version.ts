import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import type { CliIo } from '../cli-io.js';

/** `play --version`: Spindle's and Node's versions, like `ansible-playbook --version` names its Python. */
export async function execute(_plan: unknown, io: CliIo): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  io.stdout.write(`play (spindle) ${manifest.version}\n  node version = ${process.versions.node}\n`);
  return 0;
}
