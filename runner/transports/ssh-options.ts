import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSettings } from '../../dsl/inventory/connection-settings.js';
import { ConnectError } from '../core/index.js';
import type { HostKeyPolicy } from './known-hosts.js';
import { sshArgsOptions } from './options-from-args.js';
import type { SshEndpoint, SshOptions } from './ssh.js';
import { parseHop, resolveSshConfig, type SshConfigEntry } from './ssh-config.js';

/** What the run adds to a host's settings: the connect timeout and ansible.cfg's `host_key_checking`. */
export interface SshRunEnv {
  connectTimeoutMs: number;
  /** `false` turns host key checking off for every host (ansible.cfg / ANSIBLE_HOST_KEY_CHECKING). */
  hostKeyChecking?: boolean;
  /** The controller user's home (default: os.homedir()), where `~/.ssh/config` is read. */
  home?: string;
}

/** Jump chains longer than this are a loop in the ssh config (`a` jumps through `b`, `b` through `a`). */
const MAX_HOPS = 8;

const tilde = (path: string | undefined, home: string) =>
  path === undefined ? undefined : path === '~' ? home : path.replace(/^~\//, `${home}/`);

function readConfig(file: string | undefined, home: string, name: string): string {
  if (file === undefined) {
    const user = join(home, '.ssh', 'config');
    return existsSync(user) ? readFileSync(user, 'utf8') : '';
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConnectError(
      'spawn',
      `${name}: cannot read ssh config ${file}: ${(error as Error).message}`,
      [],
      name,
    );
  }
}

/**
 * The ssh options of one inventory host: its connection variables first, then what `ansible_ssh_*args` say
 * (`-F`, `-J`, `-i`, `-o …`), then the OpenSSH client config (`~/.ssh/config`, or `-F`/`spindle_ssh_config`) —
 * the variables win, as OpenSSH's command line wins over its config. ProxyJump hops are resolved in the same
 * config, each with its own HostName/Port/User/IdentityFile/ProxyJump.
 */
export function sshOptionsFor(name: string, settings: ConnectionSettings, env: SshRunEnv): SshOptions {
  const home = env.home ?? homedir();
  const args = sshArgsOptions(settings.sshCommonArgs, settings.sshArgs, settings.sshExtraArgs);
  const configFile = tilde(settings.sshConfigFile ?? args.configFile, home);
  const text = readConfig(configFile, home, name);
  const lookup = (alias: string): SshConfigEntry => resolveSshConfig(text, alias, { home });
  const config = lookup(settings.host);
  const checkingOff = settings.hostKeyChecking === false || env.hostKeyChecking === false;
  const policy: HostKeyPolicy = checkingOff
    ? 'off'
    : (args.policy ?? settings.hostKeyPolicy ?? config.hostKeyPolicy ?? 'strict');
  const knownHostsFile = tilde(args.knownHostsFile ?? settings.knownHostsFile, home) ?? config.knownHostsFile;
  const privateKeyFile =
    tilde(settings.privateKeyFile ?? args.identityFile, home) ??
    config.identityFiles?.find((f) => existsSync(f));
  const target: SshOptions = {
    name,
    host: config.hostName ?? settings.host,
    port: settings.port ?? config.port,
    user: settings.user ?? config.user,
    privateKeyFile,
    passphrase: settings.keyPassphrase,
    password: settings.password,
    knownHostsFile,
    hostKeyPolicy: policy,
    connectTimeoutMs: env.connectTimeoutMs,
  };
  const hop = (spec: string): SshEndpoint => {
    const parts = parseHop(spec);
    const entry = lookup(parts.host);
    const key = entry.identityFiles?.find((f) => existsSync(f)) ?? privateKeyFile;
    return {
      host: entry.hostName ?? parts.host,
      port: parts.port ?? entry.port,
      user: parts.user ?? entry.user,
      privateKeyFile: key,
      passphrase: key === privateKeyFile ? settings.keyPassphrase : undefined,
      knownHostsFile: entry.knownHostsFile ?? knownHostsFile,
      hostKeyPolicy: checkingOff ? 'off' : (entry.hostKeyPolicy ?? policy),
    };
  };
  // `ProxyJump a,b`: b is reached through a, and a through whatever its own config says.
  const chain = (specs: string[], depth: number): SshEndpoint[] => {
    if (specs.length === 0) return [];
    if (depth > MAX_HOPS)
      throw new ConnectError(
        'spawn',
        `${name}: ProxyJump chain longer than ${MAX_HOPS} hops (a loop in the ssh config?)`,
        [],
        name,
      );
    const firstAlias = parseHop(specs[0]).host;
    return [...chain(lookup(firstAlias).proxyJump ?? [], depth + 1), ...specs.map(hop)];
  };
  const jumps = chain(args.proxyJump ?? config.proxyJump ?? [], 1);
  if (jumps.length > 0) target.jumps = jumps;
  return target;
}
