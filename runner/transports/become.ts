import { Secret } from '../../bootstrap/codec.js';
import type { SpawnSpec } from '../../bootstrap/spawner.js';
import { ConnectError } from '../core/index.js';
import { splitWords } from './container-exec.js';

/** A become request for one host: the method, the user to become and the password, when one was given. */
export interface BecomeRequest {
  method: 'sudo' | 'su' | 'doas';
  user: string;
  password?: string;
  /** `become_flags` (sudo only): replace sudo's default `-H -S -n`, as Ansible's. */
  flags?: string;
  /** The inventory name, for error messages. */
  host: string;
}

/** How the login context starts a become context: a name and a spawn spec (the boot line is appended to argv). */
export type BecomeSpawn = { name: string } & SpawnSpec;

const SUDO_PROMPT = '[spindle-sudo-password]';
/** su and PAM print `Password: ` (or a translation ending in a colon) on the terminal. */
const PASSWORD_PROMPT = '[Pp]assword[^\\n]*:\\s*$';

/**
 * The argv and prompt rules of each become method. The password travels as a Secret (it prints as `[secret]`)
 * and is only ever written to a prompt (once, on stdin or a terminal), never put on argv; each known failure becomes a ConnectError of phase `become`.
 */
export function becomeSpawn(request: BecomeRequest): BecomeSpawn {
  switch (request.method) {
    case 'sudo':
      return sudoSpawn(request);
    case 'su':
      return suSpawn(request);
    case 'doas':
      return doasSpawn(request);
  }
}

/** sudo's flags when no `become_flags` are given, as Ansible's sudo plugin. */
const SUDO_DEFAULT_FLAGS = '-H -S -n';

/**
 * sudo as Ansible runs it: `sudo FLAGS [-p PROMPT] -u USER`, FLAGS being `become_flags` (default `-H -S -n`)
 * without `-n` when a password is given, so -vvv shows the same command. The flags are argv words, never shell
 * text. A password is answered only on stdin (`-S`); flags without `-S` make sudo ask a terminal, which fails.
 */
function sudoSpawn({ user, password, host, flags = SUDO_DEFAULT_FLAGS }: BecomeRequest): BecomeSpawn {
  const name = `sudo.${user}`;
  const words = flagWords(flags, host);
  const needsPassword = `become: sudo on ${host} needs a password (use -K or ansible_become_password)`;
  const noTerminal = {
    match: 'a terminal is required|no tty present',
    failWith: `become: sudo on ${host} asks for a password on a terminal: become_flags needs -S`,
  };
  if (password === undefined)
    return {
      name,
      argv: ['sudo', ...words, '-u', user, '--', '/bin/sh', '-c'],
      prompts: [
        { match: 'a password is required', failWith: needsPassword },
        // Flags without -n: sudo prompts with its own prompt instead of failing.
        { match: '\\[sudo\\] password for', failWith: needsPassword },
        noTerminal,
      ],
    };
  return {
    name,
    argv: ['sudo', ...withoutNonInteractive(words), '-p', SUDO_PROMPT, '-u', user, '--', '/bin/sh', '-c'],
    prompts: [
      { match: 'Sorry, try again', failWith: `become: incorrect password for sudo on ${host}` },
      { match: '\\[spindle-sudo-password\\]', send: new Secret(password) },
      noTerminal,
    ],
  };
}

function flagWords(flags: string, host: string): string[] {
  try {
    return splitWords(flags);
  } catch (error) {
    throw new ConnectError('become', `${host}: become_flags: ${(error as Error).message}`, [], host);
  }
}

/** sudo flags without `-n`/`--non-interactive`, also inside grouped short flags (`-Sn` → `-S`), as Ansible's. */
function withoutNonInteractive(words: string[]): string[] {
  return words
    .filter((word) => word !== '-n' && word !== '--non-interactive')
    .map((word) => (word.startsWith('--') ? word : word.replace(/^(-\w*)n(\w*.*)$/, '$1$2')));
}

/**
 * The protocol runs on pipes at fds 3/4, which `su`, `script` and the shells keep open, so su's own stdin
 * never carries protocol bytes. Without a password su's stdin is /dev/null (root needs none; anyone else
 * fails at once). With one, util-linux `script` gives su a pseudo-terminal on stdin/stdout, as su expects,
 * and the password is written once, after the prompt (PAM turns echo off before printing it). The user and
 * the boot line reach the inner shells as arguments or through the environment, never as shell text, so no
 * quoting is involved; `-s /bin/sh` also covers accounts whose login shell is not a POSIX shell.
 */
function suSpawn({ user, password, host }: BecomeRequest): BecomeSpawn {
  const name = `su.${user}`;
  const authFailure = 'su: Authentication failure';
  if (password === undefined)
    return {
      name,
      argv: ['/bin/sh', '-c', 'exec su -s /bin/sh -c "$2" -- "$1" </dev/null', 'spindle-su', user],
      protocolFds: true,
      prompts: [
        {
          match: authFailure,
          failWith: `become: su on ${host} needs the password of ${user} (use -K or ansible_become_password)`,
        },
      ],
    };
  const inner = `unset SPINDLE_USER SPINDLE_BOOT;$SPINDLE_BOOT`;
  return {
    name,
    argv: [
      '/bin/sh',
      '-c',
      `export SPINDLE_USER="$1" SPINDLE_BOOT="$2";exec script -q -e -c 'exec su -s /bin/sh -c "${inner}" -- "$SPINDLE_USER"' /dev/null`,
      'spindle-su',
      user,
    ],
    // `script` runs its command with $SHELL, which must be a POSIX shell here.
    env: { SHELL: '/bin/sh' },
    protocolFds: true,
    prompts: [
      { match: authFailure, failWith: `become: incorrect password for su on ${host}` },
      {
        match: 'script: (command )?not found',
        failWith: `become: su with a password needs \`script\` (util-linux) on ${host} to give su a terminal`,
      },
      { match: PASSWORD_PROMPT, send: new Secret(password) },
    ],
  };
}

/**
 * `doas` closes every fd above 2 and reads a password only from a terminal, so the protocol must use its
 * stdin/stdout and only rules that need no password (`permit nopass`) can work: `-n` makes any other rule
 * fail at once instead of waiting for a terminal. It is started through `sh` so that a missing doas is
 * reported by name.
 */
function doasSpawn({ user, host }: BecomeRequest): BecomeSpawn {
  const rules = `/etc/doas.conf on ${host}`;
  return {
    name: `doas.${user}`,
    argv: ['/bin/sh', '-c', 'exec doas -n -u "$1" /bin/sh -c "$2"', 'spindle-doas', user],
    prompts: [
      {
        match: 'Authentication required',
        failWith: `become: doas on ${host} asks for a password, which Spindle cannot answer: doas needs a \`permit nopass\` rule for ${user} in ${rules}`,
      },
      {
        match: 'Operation not permitted',
        failWith: `become: doas on ${host} does not permit this login to run commands as ${user} (see ${rules})`,
      },
      { match: 'doas is not enabled', failWith: `become: doas is not enabled on ${host} (no ${rules})` },
      { match: 'doas: (command )?not found', failWith: `become: doas is not installed on ${host}` },
    ],
  };
}
