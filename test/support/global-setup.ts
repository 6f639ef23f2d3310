import { randomUUID } from 'node:crypto';
import { findTaggedProcesses, RUN_TAG_VARIABLE } from './processes.js';

/**
 * Tags every process of this test run (workers inherit the environment, and so do the contexts and commands
 * they spawn), and at the end fails the run if any tagged process outlived the tests: "tests leave no
 * processes behind" is checked, not hoped for.
 */
export default function setup(): () => Promise<void> {
  const tag = randomUUID();
  process.env[RUN_TAG_VARIABLE] = tag;
  return async () => {
    // Give processes that are already exiting a moment to go.
    let leaked = await findTaggedProcesses(tag);
    for (let attempt = 0; attempt < 20 && leaked.length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      leaked = await findTaggedProcesses(tag);
    }
    if (leaked.length > 0) {
      for (const proc of leaked) {
        try {
          process.kill(proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      const list = leaked.map((p) => `  ${p.pid} ${p.command}`).join('\n');
      throw new Error(`tests left ${leaked.length} process(es) running (now killed):\n${list}`);
    }
  };
}
