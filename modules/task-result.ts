/**
 * What every task returns, on the host or on the controller: Ansible's result keys (the ones `register` exposes
 * and the callbacks read), typed once for modules, the runner and the reporters. Modules add their own keys
 * (`dest`, `stat`, `checksum` …) beside them.
 */
export interface TaskResult {
  changed?: boolean;
  failed?: boolean;
  skipped?: boolean;
  unreachable?: boolean;
  msg?: string;
  rc?: number;
  stdout?: string;
  stderr?: string;
  stdout_lines?: string[];
  stderr_lines?: string[];
  /** Before/after pairs (`--diff`); the shape is the module's (modules/contract/define-module.ts `DiffEntry`). */
  diff?: unknown;
  /** A loop's per-item results. */
  results?: TaskResult[];
  /** Facts the task sets (`setup`, `set_fact`, `include_vars`). */
  ansible_facts?: Record<string, unknown>;
  skipped_reason?: string;
  /** `until`: how many attempts were made. */
  attempts?: number;
  /** The remote stack of a module that threw. */
  exception?: string;
  /** Set instead of the values when `no_log` hides them. */
  censored?: string;
  [key: string]: unknown;
}

/** A failed result: what `failResult` returns (the module's details beside `msg`). */
export interface FailedResult {
  changed: false;
  failed: true;
  msg: string;
  [key: string]: unknown;
}

/**
 * The one way a failure result is made (a module that threw, arguments that do not check, a host-side error,
 * an include that does not compile): `changed: false, failed: true` with `msg`, then any `details` (which win,
 * so a module's `ModuleFailure` can report `rc`, `stderr` …).
 */
export function failResult(msg: string, details: Record<string, unknown> = {}): FailedResult {
  return { changed: false, failed: true, msg, ...details };
}
