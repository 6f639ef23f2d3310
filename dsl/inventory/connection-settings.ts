import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import { CONTAINER_METHODS, type ContainerSettings, containerSettings } from './container-settings.js';

/** How to reach a host and become another user there, from Ansible's connection variables. */
export interface ConnectionSettings {
  method: 'local' | 'ssh' | 'docker' | 'podman' | 'kubectl';
  host: string;
  port?: number;
  user?: string;
  privateKeyFile?: string;
  password?: string;
  sshCommonArgs?: string;
  /** `ansible_ssh_args` and `ansible_ssh_extra_args`: read for the same OpenSSH options as sshCommonArgs. */
  sshArgs?: string;
  sshExtraArgs?: string;
  /** `spindle_ssh_config`: an OpenSSH client config file read instead of ~/.ssh/config (like `ssh -F`). */
  sshConfigFile?: string;
  /** `spindle_ssh_key_passphrase`: the passphrase of the private key file. */
  keyPassphrase?: string;
  hostKeyChecking?: boolean;
  /** `spindle_known_hosts_file`: the known_hosts file to check (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** `spindle_host_key_policy`: strict (default), accept-new, or off. */
  hostKeyPolicy?: 'strict' | 'accept-new' | 'off';
  become: {
    enabled?: boolean;
    method?: 'sudo' | 'su' | 'doas';
    user?: string;
    password?: string;
    flags?: string;
  };
  /** `node_binary` / `spindle_node_binary`: the node on the target to use (no PATH probe, no upload). */
  nodeBinary?: string;
  /** docker, podman and kubectl: the container or pod to enter. */
  container?: ContainerSettings;
}

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const bool = (v: unknown) => (v === undefined ? undefined : isAnsibleTrue(v));

/**
 * Maps `ansible_*` connection variables (and `spindle_*` ones) to settings; Python-only ones are ignored. `address`
 * is the host's inventory address, used when no `ansible_host` is set (default: its name).
 */
export function connectionSettings(
  hostName: string,
  vars: Record<string, unknown>,
  address = hostName,
): ConnectionSettings {
  const named = (str(vars.spindle_connection) ??
    str(vars.ansible_connection) ??
    (hostName === 'localhost' ? 'local' : 'ssh')) as ConnectionSettings['method'];
  const method = CONTAINER_METHODS[named] ?? named;
  const host = str(vars.ansible_host) ?? str(vars.ansible_ssh_host) ?? address;
  return {
    method: method === ('paramiko' as string) || method === ('smart' as string) ? 'ssh' : method,
    host,
    port:
      vars.ansible_port !== undefined
        ? Number(vars.ansible_port)
        : vars.ansible_ssh_port !== undefined
          ? Number(vars.ansible_ssh_port)
          : undefined,
    user: str(vars.ansible_user) ?? str(vars.ansible_ssh_user),
    privateKeyFile: str(vars.ansible_ssh_private_key_file) ?? str(vars.ansible_private_key_file),
    password: str(vars.ansible_password) ?? str(vars.ansible_ssh_pass),
    sshCommonArgs: str(vars.ansible_ssh_common_args),
    sshArgs: str(vars.ansible_ssh_args),
    sshExtraArgs: str(vars.ansible_ssh_extra_args),
    sshConfigFile: str(vars.spindle_ssh_config),
    keyPassphrase: str(vars.spindle_ssh_key_passphrase),
    hostKeyChecking: bool(vars.ansible_host_key_checking),
    knownHostsFile: str(vars.spindle_known_hosts_file),
    hostKeyPolicy: str(vars.spindle_host_key_policy) as ConnectionSettings['hostKeyPolicy'],
    become: {
      enabled: bool(vars.ansible_become),
      method: str(vars.ansible_become_method) as ConnectionSettings['become']['method'],
      user: str(vars.ansible_become_user),
      password: str(vars.ansible_become_password) ?? str(vars.ansible_become_pass),
      flags: str(vars.ansible_become_flags) ?? str(vars.ansible_sudo_flags),
    },
    nodeBinary: str(vars.spindle_node_binary) ?? str(vars.node_binary),
    container:
      method === 'docker' || method === 'podman' || method === 'kubectl'
        ? containerSettings(method, host, vars)
        : undefined,
  };
}
