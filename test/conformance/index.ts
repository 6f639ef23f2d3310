// The conformance runner: `npm run conformance -- ANSIBLE_CHECKOUT [TARGET…] [--write docs/compat.md]`.
// Runs each target of Ansible's test/integration/targets once with ansible-playbook and once with play,
// and reports whether play ends with Ansible's exit code and PLAY RECAP. See docs/compat.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, type Verdict } from './compare.js';
import { execute, type Outcome } from './execute.js';
import { summary, table, writeInto } from './markdown.js';
import { makeSandbox, targetShape } from './sandbox.js';
import { defaultTargets } from './targets.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const playBin = join(projectRoot, 'bin/play');

interface Options {
  checkout: string;
  targets: string[];
  write?: string;
  timeoutMs: number;
  cache: boolean;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const rest: string[] = [];
  const options: Partial<Options> = { timeoutMs: 300_000, cache: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') options.write = argv[++i];
    else if (a === '--timeout') options.timeoutMs = Number(argv[++i]) * 1000;
    else if (a === '--no-cache') options.cache = false;
    else if (a === '--keep') options.keep = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length === 0) {
    throw new Error(
      'usage: npm run conformance -- ANSIBLE_CHECKOUT [TARGET…] [--write FILE] [--timeout S] [--no-cache] [--keep]',
    );
  }
  const [checkout, ...targets] = rest;
  return {
    ...options,
    checkout: resolve(checkout),
    targets: targets.length ? targets : [...defaultTargets],
  } as Options;
}

const cacheDir = join(projectRoot, '.cache/conformance');

function checkoutCommit(checkout: string): string {
  try {
    return execFileSync('git', ['-C', checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function runAll(
  tool: 'ansible' | 'play',
  opts: Options,
  target: string,
  python: string,
  stopAt?: readonly Outcome[],
): Promise<Outcome[]> {
  const targetsDir = join(opts.checkout, 'test/integration/targets');
  const sandbox = makeSandbox(targetsDir, target, python);
  const outcomes: Outcome[] = [];
  try {
    for (const [i, inv] of sandbox.invocations.entries()) {
      const [command, args] =
        tool === 'ansible' ? ['ansible-playbook', inv.args] : [process.execPath, [playBin, ...inv.args]];
      const outcome = await execute(command, args, {
        cwd: sandbox.cwd,
        env: { ...process.env, ...sandbox.env, ...inv.env },
        timeoutMs: opts.timeoutMs,
      });
      outcomes.push(outcome);
      mkdirSync(join(cacheDir, 'logs'), { recursive: true });
      writeFileSync(join(cacheDir, 'logs', `${target}.${i + 1}.${tool}.log`), outcome.output);
      const expected = stopAt?.[i];
      if (expected && (expected.exitCode !== outcome.exitCode || outcome.timedOut)) break;
      if (outcome.timedOut) break;
    }
  } finally {
    if (!opts.keep) rmSync(sandbox.root, { recursive: true, force: true });
  }
  return outcomes;
}

async function ansibleOutcomes(
  opts: Options,
  target: string,
  python: string,
  commit: string,
): Promise<Outcome[]> {
  const file = join(cacheDir, commit, `${target}.json`);
  if (opts.cache && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Outcome[];
  const outcomes = await runAll('ansible', opts, target, python);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(outcomes.map((o) => ({ ...o, output: o.output.slice(-20_000) }))));
  return outcomes;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const targetsDir = join(opts.checkout, 'test/integration/targets');
  if (!existsSync(targetsDir)) throw new Error(`${targetsDir}: not an Ansible checkout`);
  const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
    encoding: 'utf8',
  }).trim();
  const commit = checkoutCommit(opts.checkout);
  const verdicts: Verdict[] = [];
  for (const target of opts.targets) {
    const shape = targetShape(targetsDir, target);
    let verdict: Verdict;
    if (!shape.ok) verdict = { target, kind: shape.kind, result: 'unsupported', reason: shape.reason };
    else {
      const ansible = await ansibleOutcomes(opts, target, python, commit);
      const play = await runAll('play', opts, target, python, ansible);
      verdict = compare(target, shape.kind, ansible, play);
    }
    verdicts.push(verdict);
    console.log(`${verdict.target.padEnd(34)} ${verdict.result.padEnd(14)} ${verdict.reason}`);
  }
  const date = new Date().toISOString().slice(0, 10);
  console.log(`\n${summary(verdicts, date)}`);
  if (opts.write) writeInto(opts.write, verdicts, date);
  else if (process.env.CONFORMANCE_TABLE) console.log(`\n${table(verdicts)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
