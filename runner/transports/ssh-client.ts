import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';
import { ConnectError } from '../core/index.js';
import { AuthAttempts } from './auth-attempts.js';
import {
  appendKnownHost,
  checkKnownHosts,
  fingerprint,
  type HostKeyPolicy,
  keyTypeOf,
  knownHostsName,
  readKnownHosts,
} from './known-hosts.js';

type Ssh2 = typeof import('ssh2');
let ssh2Module: Promise<Ssh2> | undefined;

/** ssh2 is loaded on the first SSH login only: runs with local hosts alone skip its ~80 ms of start-up. */
function loadSsh2(): Promise<Ssh2> {
  // Node sees only ssh2's default export from an ES module (its named exports are not detectable).
  ssh2Module ??= import('ssh2').then((module) => (module as unknown as { default: Ssh2 }).default);
  return ssh2Module;
}

/** One SSH server to log in to: the target, or a ProxyJump hop on the way. */
export interface SshEndpoint {
  host: string;
  port?: number;
  user?: string;
  privateKeyFile?: string;
  passphrase?: string;
  password?: string;
  /** The ssh-agent socket (default: `SSH_AUTH_SOCK`). */
  agent?: string;
  knownHostsFile?: string;
  hostKeyPolicy?: HostKeyPolicy;
}

/** How one SSH login runs: timeouts, keepalives, and the words that name it in errors. */
export interface LoginOptions {
  /** The inventory host the connection is for (ConnectError.host). */
  inventoryName: string;
  /** How errors name this server (`web1 (root@10.0.0.5:22)`, or `via jump ops@bastion:22` for a hop). */
  label: string;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** A stream to speak SSH over instead of TCP (a direct-tcpip channel through a jump host). */
  sock?: Readable;
}

function defaultKeys(): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f));
}

function readKey(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Chooses the private key to offer (and names its file for messages); an encrypted key without a passphrase is
 * left to the agent when there is one.
 */
function privateKey(
  ssh2: Ssh2,
  endpoint: SshEndpoint,
  agent: string | undefined,
  fail: (m: string) => never,
) {
  const explicit = endpoint.privateKeyFile;
  const file = explicit ?? defaultKeys().find((f) => readKey(f) !== undefined);
  if (!file) return undefined;
  const key = readKey(file);
  if (!key) return fail(`cannot read private key ${file}`);
  const parsed = ssh2.utils.parseKey(key, endpoint.passphrase);
  if (!(parsed instanceof Error)) return { key, file };
  const encrypted = /encrypted|passphrase/i.test(parsed.message);
  if (encrypted && !endpoint.passphrase && (agent || !explicit)) return undefined;
  if (encrypted)
    return fail(
      endpoint.passphrase
        ? `wrong passphrase for private key ${file}`
        : `private key ${file} is encrypted: set spindle_ssh_key_passphrase or add the key to ssh-agent`,
    );
  return fail(`cannot use private key ${file}: ${parsed.message}`);
}

function hostKeyError(
  verdict: 'changed' | 'revoked' | 'unknown',
  name: string,
  type: string,
  print: string,
  file: string,
  options: LoginOptions,
): ConnectError {
  const text =
    verdict === 'changed'
      ? `HOST KEY CHANGED for ${name}: the server now presents ${type} ${print}, which does not match ${file}. This can be an attack; refusing to connect.`
      : verdict === 'revoked'
        ? `the host key of ${name} (${type} ${print}) is marked @revoked in ${file}`
        : `unknown host key for ${name}: ${type} ${print} is not in ${file} (add it, or set StrictHostKeyChecking=accept-new)`;
  // A jump host's key problem says which jump it is (the target's name is added by the caller).
  const jump = options.label.startsWith('via jump ') ? `${options.label}: ` : '';
  return new ConnectError('hostkey', `${jump}${text}`, [], options.inventoryName);
}

/**
 * Logs in to one SSH server (ssh2) and resolves with the ready client: host keys are checked against
 * known_hosts by policy; failures become ConnectErrors with the phase (`tcp`, `hostkey`, `auth`, `timeout`).
 */
export async function sshLogin(endpoint: SshEndpoint, options: LoginOptions): Promise<Client> {
  const ssh2 = await loadSsh2();
  const port = endpoint.port ?? 22;
  const knownHostsFile = endpoint.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts');
  const policy = endpoint.hostKeyPolicy ?? 'strict';
  const agent = endpoint.agent ?? process.env.SSH_AUTH_SOCK;
  let hostKeyProblem: ConnectError | undefined;
  const config: ConnectConfig = {
    host: endpoint.host,
    port,
    sock: options.sock,
    username: endpoint.user ?? process.env.USER ?? 'root',
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax,
    // AES-GCM runs in OpenSSL (through node:crypto); ssh2's chacha20 falls back to JavaScript without its
    // optional native addon, which is several times slower for bulk transfers.
    algorithms: { cipher: { prepend: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com'] } as never },
    agent,
    password: endpoint.password,
    passphrase: endpoint.passphrase,
    tryKeyboard: endpoint.password !== undefined,
    hostVerifier: (key: Buffer) => {
      if (policy === 'off') return true;
      const name = knownHostsName(endpoint.host, port);
      const type = keyTypeOf(key);
      const verdict = checkKnownHosts(readKnownHosts(knownHostsFile), name, type, key);
      if (verdict === 'known') return true;
      if (verdict === 'unknown' && policy === 'accept-new') {
        appendKnownHost(knownHostsFile, name, type, key);
        return true;
      }
      hostKeyProblem = hostKeyError(verdict, name, type, fingerprint(key), knownHostsFile, options);
      return false;
    },
  };
  let keyFile: string | undefined;
  try {
    const chosen = privateKey(ssh2, endpoint, agent, (message) => {
      throw new ConnectError('auth', `${options.label}: ${message}`, [], options.inventoryName);
    });
    config.privateKey = chosen?.key;
    keyFile = chosen?.file;
  } catch (error) {
    return Promise.reject(error);
  }
  const attempts = new AuthAttempts({
    keyFile,
    agent: agent || undefined,
    password: endpoint.password !== undefined,
  });
  config.authHandler = ((methodsLeft: string[] | null) =>
    attempts.next(methodsLeft)) as ConnectConfig['authHandler'];
  return new Promise<Client>((resolve, reject) => {
    const client = new ssh2.Client();
    // The bus is request/response: without TCP_NODELAY, ssh2's pure-JS ciphers (two writes per packet when its
    // native addon is not built) meet the peer's delayed ACK and every call waits ~40 ms.
    client.on('connect', () => client.setNoDelay(true));
    let settled = false;
    let agentProblem = '';
    // What the server printed before login (its Banner): the "last lines the far side printed" of a failure.
    let banner: string[] = [];
    client.on('banner', (text: string) => {
      banner = text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .slice(-10);
    });
    const fail = (error: ConnectError) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    client.on('keyboard-interactive', (_name, _text, _lang, prompts, finish) =>
      finish(prompts.map(() => endpoint.password ?? '')),
    );
    client.on('error', (error: Error & { level?: string }) => {
      // An unusable agent (a stale SSH_AUTH_SOCK) only removes one way to log in; ssh2 goes on with the others.
      if (error.level === 'agent') {
        agentProblem = ` (ssh-agent ${agent}: ${error.message})`;
        return;
      }
      if (hostKeyProblem) return fail(hostKeyProblem);
      const phase =
        error.level === 'client-authentication'
          ? 'auth'
          : error.level === 'client-timeout'
            ? 'timeout'
            : 'tcp';
      const what =
        phase === 'auth' ? 'authentication failed' : phase === 'timeout' ? 'timed out' : 'cannot connect';
      const reason = phase === 'auth' ? `${attempts.summary()}${agentProblem}` : error.message;
      fail(new ConnectError(phase, `${options.label}: ${what}: ${reason}`, banner, options.inventoryName));
    });
    client.on('close', () =>
      fail(
        new ConnectError(
          'tcp',
          `${options.label}: connection closed during login`,
          banner,
          options.inventoryName,
        ),
      ),
    );
    client.on('ready', () => {
      settled = true;
      resolve(client);
    });
    client.connect(config);
  });
}
