import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

/** A real unprivileged account for become tests, removed again by `remove()`. */
export interface TestUser {
  name: string;
  password: string;
  remove(): void;
}

/**
 * Creates a local user (named `PREFIX-PID`, so test files and checkouts running at once never share one) with a home, a password, and (when `sudo` is given) a sudoers drop-in: `password` makes
 * sudo ask for the user's password, `nopasswd` does not. Needs root (the tests run as root, like CI).
 */
export function createTestUser(prefix: string, options: { sudo?: 'password' | 'nopasswd' } = {}): TestUser {
  const name = `${prefix}-${process.pid}`.slice(0, 31);
  execFileSync('sh', ['-c', `userdel -r ${name} >/dev/null 2>&1; true`]);
  execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', name]);
  const password = `pw-${name}-${process.pid}`;
  execFileSync('chpasswd', { input: `${name}:${password}\n` });
  const sudoers = `/etc/sudoers.d/spindle-test-${name}`;
  if (options.sudo)
    writeFileSync(sudoers, `${name} ALL=(ALL) ${options.sudo === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL\n`, {
      mode: 0o440,
    });
  return {
    name,
    password,
    remove() {
      rmSync(sudoers, { force: true });
      execFileSync('sh', [
        '-c',
        `pkill -KILL -u ${name} >/dev/null 2>&1; userdel -r ${name} >/dev/null 2>&1; true`,
      ]);
    },
  };
}
