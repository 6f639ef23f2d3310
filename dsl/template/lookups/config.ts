import { homedir } from 'node:os';
import { parseBoolean } from '../../../modules/ansible-boolean.js';
import { LookupFailure, type LookupPlugin } from './context.js';

type SettingType = 'string' | 'list' | 'int' | 'bool' | 'path';

/** One configuration setting: its type, default, environment variables and (plugin settings) host variables. */
interface Setting {
  type: SettingType;
  default: unknown;
  env?: string[];
  vars?: string[];
}

/** The global settings the `config` lookup answers (ansible-core 2.14's names, defaults and variables). */
const GLOBAL: Record<string, Setting> = {
  ANSIBLE_COW_ACCEPTLIST: {
    type: 'list',
    default:
      'bud-frogs,bunny,cheese,daemon,default,dragon,elephant-in-snake,elephant,eyes,hellokitty,kitty,luke-koala,meow,milk,moofasa,moose,ren,sheep,small,stegosaurus,stimpy,supermilker,three-eyes,turkey,turtle,tux,udder,vader-koala,vader,www'.split(
        ',',
      ),
    env: ['ANSIBLE_COW_WHITELIST', 'ANSIBLE_COW_ACCEPTLIST'],
  },
  ANY_ERRORS_FATAL: { type: 'bool', default: false, env: ['ANSIBLE_ANY_ERRORS_FATAL'] },
  DEFAULT_ASK_PASS: { type: 'bool', default: false, env: ['ANSIBLE_ASK_PASS'] },
  DEFAULT_BECOME: { type: 'bool', default: false, env: ['ANSIBLE_BECOME'] },
  DEFAULT_BECOME_METHOD: { type: 'string', default: 'sudo', env: ['ANSIBLE_BECOME_METHOD'] },
  DEFAULT_BECOME_USER: { type: 'string', default: 'root', env: ['ANSIBLE_BECOME_USER'] },
  DEFAULT_EXECUTABLE: { type: 'string', default: '/bin/sh', env: ['ANSIBLE_EXECUTABLE'] },
  DEFAULT_FORCE_HANDLERS: { type: 'bool', default: false, env: ['ANSIBLE_FORCE_HANDLERS'] },
  DEFAULT_FORKS: { type: 'int', default: 5, env: ['ANSIBLE_FORKS'] },
  DEFAULT_GATHERING: { type: 'string', default: 'implicit', env: ['ANSIBLE_GATHERING'] },
  DEFAULT_HASH_BEHAVIOUR: { type: 'string', default: 'replace', env: ['ANSIBLE_HASH_BEHAVIOUR'] },
  DEFAULT_JINJA2_NATIVE: { type: 'bool', default: false, env: ['ANSIBLE_JINJA2_NATIVE'] },
  DEFAULT_KEEP_REMOTE_FILES: { type: 'bool', default: false, env: ['ANSIBLE_KEEP_REMOTE_FILES'] },
  DEFAULT_LOG_PATH: { type: 'path', default: null, env: ['ANSIBLE_LOG_PATH'] },
  DEFAULT_MANAGED_STR: { type: 'string', default: 'Ansible managed' },
  DEFAULT_MODULE_NAME: { type: 'string', default: 'command' },
  DEFAULT_POLL_INTERVAL: { type: 'int', default: 15, env: ['ANSIBLE_POLL_INTERVAL'] },
  DEFAULT_PRIVATE_KEY_FILE: { type: 'path', default: null, env: ['ANSIBLE_PRIVATE_KEY_FILE'] },
  DEFAULT_REMOTE_PORT: { type: 'int', default: null, env: ['ANSIBLE_REMOTE_PORT'] },
  DEFAULT_REMOTE_USER: { type: 'string', default: null, env: ['ANSIBLE_REMOTE_USER'] },
  DEFAULT_STDOUT_CALLBACK: { type: 'string', default: 'default', env: ['ANSIBLE_STDOUT_CALLBACK'] },
  DEFAULT_TIMEOUT: { type: 'int', default: 10, env: ['ANSIBLE_TIMEOUT'] },
  DEFAULT_TRANSPORT: { type: 'string', default: 'smart', env: ['ANSIBLE_TRANSPORT'] },
  DEFAULT_UNDEFINED_VAR_BEHAVIOR: { type: 'bool', default: true, env: ['ANSIBLE_ERROR_ON_UNDEFINED_VARS'] },
  DISPLAY_SKIPPED_HOSTS: { type: 'bool', default: true, env: ['ANSIBLE_DISPLAY_SKIPPED_HOSTS'] },
  HOST_KEY_CHECKING: { type: 'bool', default: true, env: ['ANSIBLE_HOST_KEY_CHECKING'] },
  INTERPRETER_PYTHON: { type: 'string', default: 'auto', env: ['ANSIBLE_PYTHON_INTERPRETER'] },
  RETRY_FILES_ENABLED: { type: 'bool', default: false, env: ['ANSIBLE_RETRY_FILES_ENABLED'] },
};

/** Attributes of Ansible's `constants` module that are functions or classes, not settings. */
const CALLABLES = new Set(['ConfigManager', 'Sentinel', 'set_constant', 'to_text', 'ensure_type']);

/** Plugin settings by `<type>/<name>`: the connection, shell and become options playbooks ask for. */
const PLUGINS: Record<string, Record<string, Setting>> = {
  'connection/ssh': {
    host: { type: 'string', default: null, vars: ['inventory_hostname', 'ansible_host', 'ansible_ssh_host'] },
    port: {
      type: 'int',
      default: null,
      env: ['ANSIBLE_REMOTE_PORT'],
      vars: ['ansible_port', 'ansible_ssh_port'],
    },
    remote_user: {
      type: 'string',
      default: null,
      env: ['ANSIBLE_REMOTE_USER'],
      vars: ['ansible_user', 'ansible_ssh_user'],
    },
    password: {
      type: 'string',
      default: null,
      vars: ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'],
    },
    private_key_file: {
      type: 'path',
      default: null,
      env: ['ANSIBLE_PRIVATE_KEY_FILE'],
      vars: ['ansible_private_key_file', 'ansible_ssh_private_key_file'],
    },
    ssh_executable: {
      type: 'string',
      default: 'ssh',
      env: ['ANSIBLE_SSH_EXECUTABLE'],
      vars: ['ansible_ssh_executable'],
    },
    pipelining: {
      type: 'bool',
      default: false,
      env: ['ANSIBLE_PIPELINING', 'ANSIBLE_SSH_PIPELINING'],
      vars: ['ansible_pipelining', 'ansible_ssh_pipelining'],
    },
  },
  'connection/local': {
    pipelining: { type: 'bool', default: false, env: ['ANSIBLE_PIPELINING'], vars: ['ansible_pipelining'] },
  },
  'shell/sh': {
    remote_tmp: {
      type: 'string',
      default: '~/.ansible/tmp',
      env: ['ANSIBLE_REMOTE_TEMP', 'ANSIBLE_REMOTE_TMP'],
      vars: ['ansible_remote_tmp'],
    },
    system_tmpdirs: {
      type: 'list',
      default: ['/var/tmp', '/tmp'],
      env: ['ANSIBLE_SYSTEM_TMPDIRS'],
      vars: ['ansible_system_tmpdirs'],
    },
    admin_users: {
      type: 'list',
      default: ['root', 'toor'],
      env: ['ANSIBLE_ADMIN_USERS'],
      vars: ['ansible_admin_users'],
    },
    world_readable_temp: {
      type: 'bool',
      default: false,
      env: ['ANSIBLE_SHELL_ALLOW_WORLD_READABLE_TEMP'],
      vars: ['ansible_shell_allow_world_readable_temp'],
    },
  },
  'become/sudo': {
    become_user: {
      type: 'string',
      default: 'root',
      env: ['ANSIBLE_BECOME_USER', 'ANSIBLE_SUDO_USER'],
      vars: ['ansible_become_user', 'ansible_sudo_user'],
    },
    become_exe: {
      type: 'string',
      default: 'sudo',
      env: ['ANSIBLE_BECOME_EXE', 'ANSIBLE_SUDO_EXE'],
      vars: ['ansible_become_exe', 'ansible_sudo_exe'],
    },
    become_flags: {
      type: 'string',
      default: '-H -S -n',
      env: ['ANSIBLE_BECOME_FLAGS', 'ANSIBLE_SUDO_FLAGS'],
      vars: ['ansible_become_flags', 'ansible_sudo_flags'],
    },
  },
};
PLUGINS['shell/bash'] = PLUGINS['shell/sh'];

function convert(name: string, setting: Setting, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (setting.type) {
    case 'list':
      return Array.isArray(value)
        ? value
        : String(value)
            .split(',')
            .map((v) => v.trim());
    case 'int': {
      const n = Number(value);
      if (!Number.isInteger(n))
        throw new LookupFailure(
          `Invalid type for configuration option ${name}: ${value}`,
          'AnsibleOptionsError',
        );
      return n;
    }
    case 'bool':
      return typeof value === 'boolean' ? value : parseBoolean(String(value)) === true;
    case 'path':
      return String(value).replace(/^~(?=\/|$)/, homedir());
    default:
      return value;
  }
}

/** A setting's value: host variables (last one named wins, as Ansible's), then the environment, then the default. */
function resolve(name: string, setting: Setting, vars: Record<string, unknown>): unknown {
  let value: unknown;
  let found = false;
  for (const env of setting.env ?? [])
    if (process.env[env] !== undefined) {
      value = process.env[env];
      found = true;
    }
  for (const v of setting.vars ?? [])
    if (vars[v] !== undefined) {
      value = vars[v];
      found = true;
    }
  return convert(name, setting, found ? value : setting.default);
}

/**
 * `config`: the value of a configuration setting (`DEFAULT_BECOME_USER`, or a plugin's `remote_user` with
 * `plugin_type`/`plugin_name`), as ansible-core 2.14 resolves it from variables, environment and defaults.
 * Spindle knows the common settings (see docs/templating.md); ansible.cfg is not read by this lookup.
 */
export const config: LookupPlugin = (terms, kwargs, ctx) => {
  const missing = kwargs.on_missing ?? 'error';
  const type = kwargs.plugin_type;
  const name = kwargs.plugin_name;
  if ((type || name) && !(type && name))
    throw new LookupFailure(
      'Both plugin_type and plugin_name are required, cannot use one without the other',
      'AnsibleOptionsError',
    );
  if (typeof missing !== 'string' || !['error', 'warn', 'skip'].includes(missing))
    throw new LookupFailure(
      `Invalid value "${missing}" for configuration option "on_missing", valid values are: error, warn, skip`,
      'AnsibleOptionsError',
    );
  const out: unknown[] = [];
  for (const term of terms) {
    if (typeof term !== 'string')
      throw new LookupFailure(
        `Invalid setting identifier, "${term}" is not a string, its a <class '${typeof term === 'number' ? (Number.isInteger(term) ? 'int' : 'float') : typeof term}'>`,
        'AnsibleOptionsError',
      );
    let setting: Setting | undefined;
    if (name) {
      const plugin = PLUGINS[`${type}/${String(name).replace(/^ansible\.builtin\./, '')}`];
      if (!plugin) throw new LookupFailure(`Unable to load ${type} plugin "${name}"`, 'AnsibleLookupError');
      setting = plugin[term];
    } else {
      if (CALLABLES.has(term))
        throw new LookupFailure(`Invalid setting "${term}" attempted`, 'AnsibleLookupError');
      setting = GLOBAL[term];
    }
    if (!setting) {
      if (missing === 'error')
        throw new LookupFailure(`Unable to find setting ${term}`, 'AnsibleLookupError');
      if (missing === 'warn') process.emitWarning(`Skipping, did not find setting ${term}`);
      continue;
    }
    out.push(resolve(term, setting, name ? ctx.vars : {}));
  }
  return out;
};
