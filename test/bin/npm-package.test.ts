import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The npm package as a user gets it: a copy of the checkout (without node_modules, dist or .git) is packed
 * with the real `npm pack` (its `prepack` builds dist/), the tarball is installed globally into a temp prefix
 * (`npm i -g --prefix`, dependencies from the npm cache), and the installed `play` runs from an unrelated
 * folder. The copy keeps the shared dist/ untouched while other tests use it.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);
let tmp = '';
let tarball = '';
let play = '';

function run(
  file: string,
  args: string[],
  cwd: string,
  timeout = 420_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout, maxBuffer: 64 << 20, env: process.env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'spindle-pack-'));
  const checkout = join(tmp, 'checkout');
  cpSync(ROOT, checkout, {
    recursive: true,
    filter: (src) => !SKIP.has(basename(src)),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const packed = await run('npm', ['pack', '--pack-destination', tmp, '--json'], checkout);
  expect(packed.stderr + packed.stdout).not.toMatch(/npm error/);
  expect(packed.code).toBe(0);
  tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz')) as string);
  const installed = await run(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      join(tmp, 'prefix'),
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      tarball,
    ],
    tmp,
  );
  expect(installed.stderr).not.toMatch(/npm error/);
  expect(installed.code).toBe(0);
  play = join(tmp, 'prefix', 'bin', 'play');
}, 900_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the built CLI, the shipped sources and the docs, and nothing of test/', async () => {
    const listing = await run('tar', ['-tzf', tarball], tmp);
    const files = listing.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/play.mjs');
    expect(files).toContain('package/bin/play');
    expect(files).toContain('package/bootstrap/main.ts');
    expect(files).toContain('package/modules/copy/copy.ts');
    expect(files).toContain('package/docs/modules/copy.md');
    expect(files).toContain('package/README.md');
    expect(files.filter((f) => f.startsWith('package/test/') || f.startsWith('package/dist/test/'))).toEqual(
      [],
    );
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('installs globally and prints its version from any folder', async () => {
    const elsewhere = mkdtempSync(join(tmp, 'cwd-'));
    const version = await run(play, ['--version'], elsewhere, 60_000);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stderr).toBe('');
    expect(version.stdout).toContain(`play (spindle) ${manifest.version}`);
    expect(version.code).toBe(0);
  });

  it('runs a playbook on localhost with the installed command', async () => {
    const work = mkdtempSync(join(tmp, 'work-'));
    const target = join(work, 'made');
    mkdirSync(join(work, 'project'));
    writeFileSync(
      join(work, 'project', 'site.yml'),
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        '    - name: make a folder',
        '      file:',
        `        path: ${target}`,
        '        state: directory',
        '    - name: run a command',
        '      command: echo installed-play-ran',
        '      register: out',
        '    - name: show it',
        '      debug:',
        '        var: out.stdout',
        '',
      ].join('\n'),
    );
    const ran = await run(play, ['--reporter', 'plain', 'site.yml'], join(work, 'project'), 120_000);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toContain('"out.stdout": "installed-play-ran"');
    expect(ran.stdout).toMatch(/localhost\s+: ok=3\s+changed=2\s+unreachable=0\s+failed=0/);
    expect(ran.code).toBe(0);
    expect(readdirSync(work)).toContain('made');
  });
});
