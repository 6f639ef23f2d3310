import { readdir, readFile } from 'node:fs/promises';

/** The environment variable that marks every process spawned during one test run. */
export const RUN_TAG_VARIABLE = 'SPINDLE_TEST_RUN';

/** A live process found by `findTaggedProcesses`. */
export interface TaggedProcess {
  pid: number;
  command: string;
}

/** Lists live processes (other than this one and its ancestors) whose environment carries `tag`. */
export async function findTaggedProcesses(tag: string): Promise<TaggedProcess[]> {
  const needle = Buffer.from(`${RUN_TAG_VARIABLE}=${tag}\0`);
  const ancestors = await ancestorPids(process.pid);
  const found: TaggedProcess[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || ancestors.has(pid)) continue;
    try {
      const environ = await readFile(`/proc/${pid}/environ`);
      if (!environ.includes(needle)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue; // zombies are already dead
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      found.push({ pid, command: cmdline.replaceAll('\0', ' ').slice(0, 200) });
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

/** Lists live processes whose command line matches `pattern` and whose environment carries the current run tag. */
export async function findRunProcesses(pattern: RegExp): Promise<TaggedProcess[]> {
  const tag = process.env[RUN_TAG_VARIABLE];
  if (!tag) return [];
  return (await findTaggedProcesses(tag)).filter((p) => pattern.test(p.command));
}

async function ancestorPids(pid: number): Promise<Set<number>> {
  const result = new Set<number>();
  let current = pid;
  for (let depth = 0; depth < 64 && current > 1; depth++) {
    result.add(current);
    try {
      const stat = await readFile(`/proc/${current}/stat`, 'utf8');
      current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return result;
}
