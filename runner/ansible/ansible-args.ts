/** Ansible's version string modules see in `_ansible_version` (the behaviour Spindle follows). */
const ANSIBLE_VERSION = '2.14.0';

/** What a task contributes to Ansible's internal module arguments. */
export interface AnsibleTaskSettings {
  module: string;
  check: boolean;
  diff: boolean;
  noLog: boolean;
  verbosity: number;
  remoteTmp?: string;
}

/**
 * Adds the `_ansible_*` arguments Ansible's action plugins pass to every module (the names AnsibleModule reads;
 * unknown `_ansible_` names would be rejected by the module).
 */
export function withAnsibleConventions(
  args: Record<string, unknown>,
  task: AnsibleTaskSettings,
): Record<string, unknown> {
  return {
    ...args,
    _ansible_check_mode: task.check,
    _ansible_no_log: task.noLog,
    _ansible_debug: false,
    _ansible_diff: task.diff,
    _ansible_verbosity: task.verbosity,
    _ansible_version: ANSIBLE_VERSION,
    _ansible_module_name: task.module,
    _ansible_syslog_facility: 'LOG_USER',
    _ansible_selinux_special_fs: ['fuse', 'nfs', 'vboxsf', 'ramfs', '9p', 'vfat'],
    _ansible_string_conversion_action: 'warn',
    _ansible_socket: null,
    _ansible_shell_executable: '/bin/sh',
    _ansible_keep_remote_files: false,
    _ansible_tmpdir: null,
    _ansible_remote_tmp: task.remoteTmp ?? '~/.ansible/tmp',
  };
}

/**
 * Turns a module's JSON into the task result as Ansible's action plugins do: internal `_ansible_*` keys
 * dropped, `changed` defaulted; `diff` stays as the module returned it (runner/play/shown-diff.ts shows it).
 */
export function ansibleResult(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === '_spindle_python') continue;
    if (key.startsWith('_ansible_') && key !== '_ansible_verbose_always') continue;
    out[key] = value;
  }
  out.changed = out.changed === true || out.changed === 'true';
  if (out.rc !== undefined && out.failed === undefined && raw.msg === 'MODULE FAILURE') out.failed = true;
  return out;
}
