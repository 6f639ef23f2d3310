import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script shared with `npm run build`, without type declarations
import { bundleCli } from '../../../scripts/bundle-cli.mjs';
import { findRunProcesses } from '../../support/processes.js';
import { FIXTURES } from './cli-harness.js';

/**
 * Runs the real `bin/play` as a child process. Instead of `npm run build` (slow, shared dist/ that other
 * engineers rebuild concurrently, and blocked by type errors in unrelated folders) the CLI is bundled with the
 * build's own `bundleCli` into a private copy of the package: `<tmp>/bin/play` imports `<tmp>/dist/play.mjs`
 * exactly as the installed package does. The copy lives under node_modules/.cache so npm dependencies resolve
 * from the checkout.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let pkg = '';

beforeAll(async () => {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  pkg = mkdtempSync(join(ROOT, 'node_modules/.cache/spindle-bin-'));
  await bundleCli(ROOT, join(pkg, 'dist', 'play.mjs'));
  mkdirSync(join(pkg, 'bin'));
  copyFileSync(join(ROOT, 'bin/play'), join(pkg, 'bin/play'));
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
}, 120_000);

afterAll(() => {
  if (pkg) rmSync(pkg, { recursive: true, force: true });
});

function playBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(pkg, 'bin/play'), ...args],
      { cwd: FIXTURES, env: { ...process.env, HOME: '/nonexistent', ANSIBLE_CONFIG: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('bin/play as a child process', () => {
  it('passes --syntax-check with exit 0', async () => {
    const run = await playBin(['-i', 'hosts.ini', '--syntax-check', 'site.yml']);
    expect(run).toMatchObject({ code: 0, stdout: '\nplaybook: site.yml\n' });
  });

  it('prints --list-tasks', async () => {
    const run = await playBin(['-i', 'hosts.ini', '--list-tasks', 'site.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('play #1 (web): configure web');
    expect(run.stdout).toMatch(/say hello\tTAGS: \[greet\]/);
  });

  it('exits 5 on a bad flag, naming it', async () => {
    const run = await playBin(['--forks', 'lots', 'site.yml']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('Expected `--forks` to be an integer ≥ 1, got "lots" (string)');
    expect(run.stdout).toBe('');
  });

  it('exits 5 on an unknown flag', async () => {
    const run = await playBin(['--frobnicate', 'site.yml']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('unknown option `--frobnicate`');
  });

  it('exits 4 on a playbook error with file:line:column on stderr', async () => {
    const run = await playBin(['-i', 'hosts.ini', 'bad.yml']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/bad\.yml:7:9 /);
    expect(run.stderr).toContain('got 755 (number)');
  });

  it('prints its version and the help', async () => {
    const version = await playBin(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^play \(spindle\) \d+\.\d+\.\d+\n/);
    const help = await playBin(['--help']);
    expect(help.stdout).toContain('--exit-code-on-change');
    expect(help.stdout).toContain('-K, --ask-become-pass');
  });
});

/**
 * The bundled CLI inside the checkout (not a private package copy), so the contexts it starts find the
 * checkout's bootstrap and modules: these runs execute tasks.
 */
let inTree = '';

/** Starts the bundled `play` on sleepy.yml (a `sleep SECONDS` task), waits for the sleep, then sends `signals`. */
async function signalled(seconds: number, signals: NodeJS.Signals[]) {
  const child = spawn(
    process.execPath,
    [
      join(inTree, 'dist', 'play.mjs'),
      '-i',
      'hosts.ini',
      '--reporter',
      'plain',
      '-e',
      `seconds=${seconds}`,
      'sleepy.yml',
    ],
    { cwd: FIXTURES, env: { ...process.env, HOME: '/nonexistent', ANSIBLE_CONFIG: '' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const sleeping = new RegExp(`^sleep ${seconds}`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (await findRunProcesses(sleeping)).length === 0)
    await new Promise((r) => setTimeout(r, 100));
  expect(await findRunProcesses(sleeping), `${stdout}\n${stderr}`).not.toEqual([]);
  const started = Date.now();
  for (const signal of signals) {
    child.kill(signal);
    await new Promise((r) => setTimeout(r, 200));
  }
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  if (code === 'hung') child.kill('SIGKILL');
  const gone = Date.now() + 5000;
  while (Date.now() < gone && (await findRunProcesses(sleeping)).length > 0)
    await new Promise((r) => setTimeout(r, 100));
  return { code, stdout, stderr, tookMs: Date.now() - started, left: await findRunProcesses(sleeping) };
}

describe('play under real signals', () => {
  beforeAll(async () => {
    inTree = mkdtempSync(join(ROOT, '.signals-test-'));
    await bundleCli(ROOT, join(inTree, 'dist', 'play.mjs'));
  }, 120_000);
  afterAll(() => {
    if (inTree) rmSync(inTree, { recursive: true, force: true });
  });

  it('SIGTERM stops the running task: exit 99, the host reported interrupted, no process left', async () => {
    const run = await signalled(1401, ['SIGTERM']);
    expect(run.code).toBe(99);
    expect(run.stderr).toContain('Terminated (SIGTERM)');
    expect(run.stdout).toContain('interrupted');
    expect(run.stdout).not.toMatch(/unreachable=1/);
    expect(run.stdout).not.toContain('TASK [never reached when stopped]');
    expect(run.left).toEqual([]);
  });

  it('a second Ctrl-C quits at once (exit 99) and the task process does not outlive it', async () => {
    const run = await signalled(1402, ['SIGINT', 'SIGINT']);
    expect(run.code).toBe(99);
    expect(run.tookMs).toBeLessThan(10_000);
    expect(run.left).toEqual([]);
  });

  it('the first Ctrl-C lets the running task finish, then stops before the next (exit 99)', async () => {
    const run = await signalled(2, ['SIGINT']);
    expect(run.code).toBe(99);
    expect(run.stdout).toMatch(/changed: \[web1\]/);
    expect(run.stdout).not.toContain('TASK [never reached when stopped]');
    expect(run.stdout).toMatch(/web1 +: ok=1 +changed=1 +unreachable=0 +failed=0/);
  });
});
