import { userInfo } from 'node:os';
import SSHConfig from 'ssh-config';
import type { HostKeyPolicy } from './known-hosts.js';

/** What Spindle takes from an OpenSSH client config for one host (only what the config set). */
export interface SshConfigEntry {
  hostName?: string;
  port?: number;
  user?: string;
  /** IdentityFile values in order, `~` and tokens expanded. */
  identityFiles?: string[];
  /** ProxyJump hops in order (`user@host:port` specs); `none` gives an empty list. */
  proxyJump?: string[];
  hostKeyPolicy?: HostKeyPolicy;
  /** The first UserKnownHostsFile (OpenSSH checks the others too; Spindle reads the first). */
  knownHostsFile?: string;
}

/** Where the lookup happens: the controller user's home and name, for `~`, `%d` and `%u`. */
export interface SshConfigEnv {
  home: string;
  localUser?: string;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function expand(text: string, tokens: Record<string, string | undefined>, home: string): string {
  const withTokens = text.replace(/%([%a-zA-Z])/g, (whole, key: string) =>
    key === '%' ? '%' : (tokens[key] ?? whole),
  );
  return withTokens === '~' ? home : withTokens.replace(/^~\//, `${home}/`);
}

/** OpenSSH's StrictHostKeyChecking values mapped to Spindle's policy (`ask` has no prompt here: strict). */
export function hostKeyPolicyOf(value: string): HostKeyPolicy {
  const v = value.toLowerCase();
  return v === 'no' || v === 'off' ? 'off' : v === 'accept-new' ? 'accept-new' : 'strict';
}

/** Splits a ProxyJump value (`a,user@b:2222`) into hop specs; `none` means no jump. */
export function proxyJumpHops(value: string): string[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}

/** One ProxyJump hop spec (`[ssh://][user@]host[:port]`, `[v6]:port`) as parts. */
export function parseHop(spec: string): { host: string; user?: string; port?: number } {
  const bare = spec.replace(/^ssh:\/\//, '');
  const at = bare.lastIndexOf('@');
  const user = at >= 0 ? bare.slice(0, at) : undefined;
  const rest = at >= 0 ? bare.slice(at + 1) : bare;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { host: bracketed[1], user, port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const colon = /^([^:]+):(\d+)$/.exec(rest);
  if (colon) return { host: colon[1], user, port: Number(colon[2]) };
  return { host: rest, user };
}

/**
 * Resolves one host against OpenSSH client config text, as `ssh HOST` would: Host patterns (wildcards,
 * negation), the first value of each option wins, `~` and `%h %p %r %u %d %%` tokens are expanded. Match blocks
 * are not evaluated (no `exec`). Pure: the caller reads the file.
 */
export function resolveSshConfig(text: string, host: string, env: SshConfigEnv): SshConfigEntry {
  const found = SSHConfig.parse(text).compute(host, { ignoreCase: true, matchExec: false });
  const out: SshConfigEntry = {};
  const port = first(found.port);
  if (port !== undefined && Number.isInteger(Number(port))) out.port = Number(port);
  const user = first(found.user);
  if (user !== undefined) out.user = user;
  const tokens: Record<string, string | undefined> = {
    h: host,
    n: host,
    p: String(out.port ?? 22),
    r: out.user,
    u: env.localUser ?? safeLocalUser(),
    d: env.home,
  };
  const hostName = first(found.hostname);
  if (hostName !== undefined) {
    out.hostName = expand(hostName, { h: host }, env.home);
    tokens.h = out.hostName;
  }
  const identities = all(found.identityfile);
  if (identities.length > 0) out.identityFiles = identities.map((f) => expand(f, tokens, env.home));
  const jump = first(found.proxyjump);
  if (jump !== undefined) out.proxyJump = proxyJumpHops(jump);
  const strict = first(found.stricthostkeychecking);
  if (strict !== undefined) out.hostKeyPolicy = hostKeyPolicyOf(strict);
  const knownHosts = all(found.userknownhostsfile)
    .flatMap((v) => v.split(/\s+/))
    .filter(Boolean);
  if (knownHosts.length > 0) {
    if (knownHosts[0] === '/dev/null') out.hostKeyPolicy = 'off';
    else out.knownHostsFile = expand(knownHosts[0], tokens, env.home);
  }
  return out;
}

function safeLocalUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER;
  }
}
