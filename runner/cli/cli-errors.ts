/**
 * The exit codes of `play`, ansible-playbook's where it has one, so CI scripts written for Ansible keep working.
 */
export const EXIT = {
  ok: 0,
  /** `--limit` leaves no host to target (ansible-playbook's generic error code). */
  noHosts: 1,
  failedHosts: 2,
  /** `--check --exit-code-on-change` and something would change. */
  drift: 3,
  /** A host was unreachable, or the playbook/inventory has errors. */
  unreachable: 4,
  playbookError: 4,
  badOptions: 5,
  interrupted: 99,
  internal: 250,
} as const;

/** A bad command line, environment or ansible.cfg value; always names the flag (or variable, or key). */
export class OptionError extends Error {
  override name = 'OptionError';
  readonly code = 'bad-option';
  constructor(
    /** `--forks`, `ANSIBLE_FORKS` or `forks (ansible.cfg [defaults])`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** The user pressed Ctrl-C (or closed the password prompt). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly code = 'interrupted';
}

/** Describes a value and its type for option messages: `"abc" (string)`. */
export function describeOptionValue(value: unknown): string {
  return `${typeof value === 'string' ? JSON.stringify(value) : String(value)} (${typeof value})`;
}
