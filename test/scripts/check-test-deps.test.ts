import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script run by `npm test`'s pretest, without type declarations
import { missingLine, NEEDED, searchDirs } from '../../scripts/check-test-deps.mjs';

const bin = mkdtempSync(join(tmpdir(), 'spindle-pretest-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** A folder holding executables with these names (empty scripts). */
function fakeBin(names: string[]): string {
  const dir = mkdtempSync(join(bin, 'bin-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe("npm test's pretest check", () => {
  it('is silent when every command is there and it runs as root', () => {
    const all = (NEEDED as string[][]).map(([command]) => command);
    expect(missingLine([fakeBin(all)], 0)).toBeUndefined();
  });

  it('names what is missing, its package, and how to get it, in one line', () => {
    const some = (NEEDED as string[][])
      .map(([command]) => command)
      .filter((c) => c !== 'sshd' && c !== 'doas');
    const line = missingLine([fakeBin(some)], 1000) as string;
    expect(line).toBe(
      'npm test: missing sshd (openssh-server), doas (opendoas); not root (the tests add users and start sshd): ' +
        'run `bash .ci/run` as root on Debian 12 (installs what is missing, then runs npm test) ' +
        'or `apt-get install openssh-server opendoas` as root',
    );
    expect(line).not.toContain('\n');
  });

  it('looks in the sbin folders too, where sshd and useradd live', () => {
    expect(searchDirs('/usr/bin')).toEqual(['/usr/bin', '/usr/local/sbin', '/usr/sbin', '/sbin']);
  });

  it("is what .ci/run ends with: the README's test command, npm test, after installing the packages", () => {
    const root = join(import.meta.dirname, '..', '..');
    const ci = readFileSync(join(root, '.ci/run'), 'utf8').trim().split('\n');
    expect(ci.at(-1)).toBe('npm test');
    const ciPackages = /packages=\(([^)]*)\)/.exec(ci.join('\n'))?.[1].split(' ') ?? [];
    for (const [, pkg] of NEEDED as string[][]) if (pkg !== 'passwd') expect(ciPackages).toContain(pkg);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^bash \.ci\/run +# run the tests/m);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.pretest).toBe(
      'node scripts/check-test-deps.mjs',
    );
  });
});
