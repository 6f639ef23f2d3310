import type { CliIo } from '../cli-io.js';
import { helpText } from '../help-text.js';

/** `play --help`. */
export async function execute(_plan: unknown, io: CliIo): Promise<number> {
  io.stdout.write(helpText());
  return 0;
}
