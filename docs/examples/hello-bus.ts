// A runnable tour of the library API: `npm run build && node dist/docs/examples/hello-bus.js`
import { join } from 'node:path';
import { type CallError, createMaster, ref } from '../../runner/core/index.js';
import { packageRoot } from '../../runner/core/package-root.js';

/** Starts two contexts, calls into them, chains calls, and shuts down; returns what it saw. */
export async function tour(print: (line: string) => void = console.log): Promise<string[]> {
  const seen: string[] = [];
  const say = (line: string) => {
    seen.push(line);
    print(line);
  };
  const remote = (name: string) => ref(join(packageRoot(), 'docs', 'examples', 'remote.ts'), name);
  const master = await createMaster();
  master.onLog(
    (record) => record.level !== 'debug' && say(`log from ${record.contextName}: ${record.message}`),
  );
  try {
    const child = await master.local({ name: 'child' });
    const grandchild = await master.local({ name: 'grandchild', via: child });
    say(
      `child runs as ${JSON.stringify((await child.call<{ context: string }>(remote('whereAmI'))).context)}`,
    );
    say(`2 + 3 = ${await grandchild.call(remote('add'), 2, 3)}`);
    const chain = child.chain();
    chain.callNoReply(remote('explode'));
    const error = await chain.call(remote('add'), 1, 1).catch((e: CallError) => e);
    say(`the chain stopped at ${(error as CallError).remoteName}: ${(error as CallError).remoteMessage}`);
  } finally {
    await master.shutdown();
  }
  return seen;
}

if (process.argv[1]?.endsWith('hello-bus.js')) await tour();
