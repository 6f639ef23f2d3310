import { isTemplated } from '../compile/templated.js';

/**
 * ansible.builtin modules whose work Ansible does in a controller-side action plugin (reading controller
 * files, templating, variables, output): their Python module alone (or none at all) cannot do what the task
 * asks, so Spindle can never hand such a task to Ansible's module through Python.
 */
const CONTROLLER_ACTIONS = new Set([
  'add_host',
  'assemble',
  'assert',
  'copy',
  'debug',
  'fail',
  'fetch',
  'gather_facts',
  'group_by',
  'include_vars',
  'pause',
  'raw',
  'reboot',
  'script',
  'set_fact',
  'set_stats',
  'template',
  'unarchive',
  'validate_argument_spec',
  'wait_for_connection',
]);

/**
 * Modules whose action plugin only picks the module that does the work (Ansible's `use` option, else the
 * host's package or service manager), and that module when `use` is `auto`: Spindle's `package` is apt's
 * (docs/modules.md), and ansible.builtin.service drives systemd itself.
 */
const BACKEND_DEFAULTS: Readonly<Record<string, string>> = { package: 'apt', service: 'service' };

/** The Python module that does a task's work when Ansible's module is handed it, or why none can. */
export type PythonModuleChoice = { module: string; args: Record<string, unknown> } | { reason: string };

/**
 * Which ansible.builtin module runs a task of `name` (the short name as written: `systemd`, `package`…) with
 * `args` when it runs through Python, as Ansible's action plugin would pick it; `reason` when only the action
 * plugin can run it (a controller file for `uri` `src`, a template, …).
 */
export function pythonModuleFor(name: string, args: Record<string, unknown>): PythonModuleChoice {
  if (CONTROLLER_ACTIONS.has(name))
    return {
      reason: `Ansible's ${name} needs its controller-side action plugin, which Spindle does not run`,
    };
  if (name === 'uri' && args.src !== undefined && !truthy(args.remote_src))
    return {
      reason: "Ansible's uri sends the controller file `src` through its action plugin (use `remote_src`)",
    };
  if (name === 'command' || name === 'shell')
    return { module: 'command', args: commandModuleArgs(name, args) };
  const fallback = BACKEND_DEFAULTS[name];
  if (!fallback) return { module: name, args };
  const { use, ...rest } = args;
  if (use !== undefined && isTemplated(use))
    return { reason: `\`use\` is templated, so which module does ${name}'s work is known only at run time` };
  const chosen = use === undefined || String(use) === 'auto' ? fallback : String(use);
  return { module: chosen, args: rest };
}

function truthy(value: unknown): boolean {
  return value === true || /^(y|yes|on|1|true|t)$/i.test(String(value));
}

/**
 * The arguments Ansible's command module receives for a `command`/`shell` task: the command line is its
 * `_raw_params` (Spindle keeps it as `cmd`), and shell's action plugin adds `_uses_shell`.
 */
function commandModuleArgs(
  name: 'command' | 'shell',
  args: Record<string, unknown>,
): Record<string, unknown> {
  const { cmd, ...rest } = args;
  return {
    ...(cmd !== undefined ? { _raw_params: cmd } : {}),
    ...rest,
    ...(name === 'shell' ? { _uses_shell: true } : {}),
  };
}
