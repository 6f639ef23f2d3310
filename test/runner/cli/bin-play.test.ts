import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script shared with `npm run build`, without type declarations
import { bundleCli } from '../../../scripts/bundle-cli.mjs';
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
