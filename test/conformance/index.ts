// The conformance runner: `npm run conformance -- ANSIBLE_CHECKOUT [TARGET…] [--write docs/compat.md]`.
// Runs each target of Ansible's test/integration/targets once with Ansible and once with play standing in for
// `ansible-playbook` and `ansible`, and reports whether every call ends with Ansible's exit code and PLAY RECAP,
// and the runme.sh with Ansible's exit code. See docs/compat.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, type Verdict } from './compare.js';
import { execute, type Outcome } from './execute.js';
import { ensureLocales } from './locale.js';
import { resetMachineState } from './machine-state.js';
import { summary, table, writeInto } from './markdown.js';
import { runScript, type TargetRun } from './runme.js';
import { makeSandbox, standardLocale, targetShape } from './sandbox.js';
import { type ShimCommands, which } from './shims.js';
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
  const options: Partial<Options> = { timeoutMs: 1_200_000, cache: true, keep: false };
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

/** The command lines the shims run for each tool: Ansible's own programs, or `play` and `play adhoc`. */
function shimCommands(tool: 'ansible' | 'play'): ShimCommands {
  if (tool === 'play') {
    return { 'ansible-playbook': [process.execPath, playBin], ansible: [process.execPath, playBin, 'adhoc'] };
  }
  const path = process.env.PATH ?? '';
  const real = (name: string) => {
    const found = which(name, path);
    if (!found) throw new Error(`${name} is not on PATH: the runner compares against a local Ansible`);
    return [found];
  };
  return { 'ansible-playbook': real('ansible-playbook'), ansible: real('ansible') };
}

/** Runs a target once under one tool in a fresh sandbox, keeping the output of every call in the logs folder. */
async function runTarget(
  tool: 'ansible' | 'play',
  opts: Options,
  target: string,
  python: string,
): Promise<TargetRun> {
  const targetsDir = join(opts.checkout, 'test/integration/targets');
  resetMachineState(target);
  const sandbox = makeSandbox(targetsDir, target, python);
  let run: TargetRun;
  try {
    if ('script' in sandbox.run) {
      run = await runScript({
        script: sandbox.run.script,
        cwd: sandbox.cwd,
        env: sandbox.env,
        scratch: join(sandbox.root, 'runner'),
        localeDir: join(cacheDir, 'locales'),
        commands: shimCommands(tool),
        timeoutMs: opts.timeoutMs,
      });
    } else {
      const [command, ...prefix] = shimCommands(tool)['ansible-playbook'];
      const args = sandbox.run.playbookArgs;
      const outcome = await execute(command, [...prefix, ...args], {
        cwd: sandbox.cwd,
        // The sandbox's LC_ALL names ansible-test's locale: compile it when the system lacks it, as for runme.sh.
        env: { ...process.env, ...sandbox.env, ...ensureLocales(standardLocale, join(cacheDir, 'locales')) },
        timeoutMs: opts.timeoutMs,
      });
      run = { calls: [{ tool: 'ansible-playbook', args, ...outcome }] };
    }
  } finally {
    if (opts.keep) console.log(`kept ${sandbox.root}`);
    else rmSync(sandbox.root, { recursive: true, force: true });
  }
  writeLogs(target, tool, run);
  return run;
}

function writeLogs(target: string, tool: 'ansible' | 'play', run: TargetRun): void {
  const logs = join(cacheDir, 'logs');
  mkdirSync(logs, { recursive: true });
  for (const old of readdirSync(logs)) {
    const middle = old.slice(target.length + 1, -`.${tool}.log`.length);
    if (old.startsWith(`${target}.`) && old.endsWith(`.${tool}.log`) && /^(\d+|script)$/.test(middle)) {
      rmSync(join(logs, old));
    }
  }
  for (const [i, call] of run.calls.entries()) {
    const header = `# ${call.tool} ${call.args.join(' ')}\n# exit ${call.exitCode}${call.timedOut ? ' (timed out)' : ''}, ${call.ms} ms\n`;
    writeFileSync(join(logs, `${target}.${i + 1}.${tool}.log`), header + call.output);
  }
  if (run.script) writeFileSync(join(logs, `${target}.script.${tool}.log`), run.script.output);
}

/** Ansible's cached outcome, kept short: the output only serves to show the first error. */
function shortened(run: TargetRun): TargetRun {
  const cut = <T extends Outcome>(o: T): T => ({ ...o, output: o.output.slice(-20_000) });
  return { calls: run.calls.map(cut), ...(run.script ? { script: cut(run.script) } : {}) };
}

/**
 * Ansible's run of a target, cached per checkout commit: role targets as a list of playbook outcomes in
 * `COMMIT/TARGET.json` (the shape they always had), runme targets as calls and script in `COMMIT/runme-script/`.
 */
async function ansibleRun(
  opts: Options,
  target: string,
  kind: 'role' | 'runme',
  python: string,
  commit: string,
): Promise<TargetRun> {
  const file =
    kind === 'role'
      ? join(cacheDir, commit, `${target}.json`)
      : join(cacheDir, commit, 'runme-script', `${target}.json`);
  if (opts.cache && existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Outcome[] | TargetRun;
    return Array.isArray(cached)
      ? { calls: cached.map((o) => ({ tool: 'ansible-playbook', args: [], ...o })) }
      : cached;
  }
  const run = await runTarget('ansible', opts, target, python);
  mkdirSync(dirname(file), { recursive: true });
  const short = shortened(run);
  writeFileSync(file, JSON.stringify(kind === 'role' ? short.calls.map(({ tool, args, ...o }) => o) : short));
  return run;
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
      const ansible = await ansibleRun(opts, target, shape.kind, python, commit);
      const play = await runTarget('play', opts, target, python);
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
