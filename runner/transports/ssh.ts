import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, type ConnectConfig } from 'ssh2';
import { ConnectError, type ConnectionMethod, type Transport } from '../core/index.js';
import {
  appendKnownHost,
  checkKnownHosts,
  fingerprint,
  type HostKeyPolicy,
  keyTypeOf,
  knownHostsName,
  readKnownHosts,
} from './known-hosts.js';

/** Where and how to log in over SSH. */
export interface SshOptions {
  /** The inventory name, for messages. */
  name: string;
  host: string;
  port?: number;
  user?: string;
  privateKeyFile?: string;
  passphrase?: string;
  password?: string;
  knownHostsFile?: string;
  hostKeyPolicy?: HostKeyPolicy;
  connectTimeoutMs?: number;
}

/** Keepalive every 5 s, 3 missed answers: a silently dead link is noticed within 15 s. */
const KEEPALIVE_INTERVAL_MS = 5000;
const KEEPALIVE_COUNT_MAX = 3;

function defaultKeys(): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f));
}

/**
 * The `ssh` connection method (ssh2): one SSH connection and one long-lived exec channel per host carry the
 * whole context. Host keys are checked strictly against known_hosts unless the policy says otherwise.
 */
export function sshMethod(options: SshOptions): ConnectionMethod {
  return { kind: 'stream', name: 'ssh', open: (bootLine) => openSsh(options, bootLine) };
}

function openSsh(options: SshOptions, bootLine: string): Promise<Transport> {
  const port = options.port ?? 22;
  const knownHostsFile = options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts');
  const policy = options.hostKeyPolicy ?? 'strict';
  const label = `${options.name} (${options.user ? `${options.user}@` : ''}${options.host}:${port})`;
  let hostKeyProblem: ConnectError | undefined;
  const config: ConnectConfig = {
    host: options.host,
    port,
    username: options.user ?? process.env.USER ?? 'root',
    readyTimeout: options.connectTimeoutMs ?? 30_000,
    keepaliveInterval: KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    // AES-GCM runs in OpenSSL (through node:crypto); ssh2's chacha20 falls back to JavaScript without its
    // optional native addon, which is several times slower for bulk transfers.
    algorithms: { cipher: { prepend: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com'] } as never },
    agent: process.env.SSH_AUTH_SOCK,
    password: options.password,
    passphrase: options.passphrase,
    hostVerifier: (key: Buffer) => {
      if (policy === 'off') return true;
      const name = knownHostsName(options.host, port);
      const type = keyTypeOf(key);
      const verdict = checkKnownHosts(readKnownHosts(knownHostsFile), name, type, key);
      if (verdict === 'known') return true;
      if (verdict === 'unknown' && policy === 'accept-new') {
        appendKnownHost(knownHostsFile, name, type, key);
        return true;
      }
      const print = fingerprint(key);
      hostKeyProblem =
        verdict === 'changed'
          ? new ConnectError(
              'hostkey',
              `HOST KEY CHANGED for ${name}: the server now presents ${type} ${print}, which does not match ${knownHostsFile}. This can be an attack; refusing to connect.`,
              [],
              options.name,
            )
          : verdict === 'revoked'
            ? new ConnectError(
                'hostkey',
                `the host key of ${name} (${type} ${print}) is marked @revoked in ${knownHostsFile}`,
                [],
                options.name,
              )
            : new ConnectError(
                'hostkey',
                `unknown host key for ${name}: ${type} ${print} is not in ${knownHostsFile} (add it, or set StrictHostKeyChecking=accept-new)`,
                [],
                options.name,
              );
      return false;
    },
  };
  const keyFile =
    options.privateKeyFile ??
    defaultKeys().find((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false;
      }
    });
  if (keyFile) {
    try {
      config.privateKey = readFileSync(keyFile);
    } catch (error) {
      return Promise.reject(
        new ConnectError(
          'auth',
          `${label}: cannot read private key ${keyFile}: ${(error as Error).message}`,
          [],
          options.name,
        ),
      );
    }
  }
  return new Promise<Transport>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    const fail = (error: ConnectError) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      if (hostKeyProblem) return fail(hostKeyProblem);
      const phase =
        error.level === 'client-authentication'
          ? 'auth'
          : error.level === 'client-timeout'
            ? 'timeout'
            : 'tcp';
      fail(
        new ConnectError(
          phase,
          `${label}: ${phase === 'auth' ? 'authentication failed' : phase === 'timeout' ? 'timed out' : 'cannot connect'}: ${error.message}`,
          [],
          options.name,
        ),
      );
    });
    client.on('ready', () => {
      client.exec(bootLine, (error, channel) => {
        if (error)
          return fail(
            new ConnectError(
              'bootstrap',
              `${label}: cannot start the context: ${error.message}`,
              [],
              options.name,
            ),
          );
        settled = true;
        const closed = new Promise<{ code: number | null; signal: string | null }>((done) => {
          let code: number | null = null;
          let signal: string | null = null;
          channel.on('exit', (c: number | null, s?: string) => {
            code = c;
            signal = s ?? null;
          });
          channel.on('close', () => {
            client.end();
            done({ code, signal });
          });
          client.on('close', () => done({ code, signal }));
        });
        resolve({
          stdin: channel,
          stdout: channel,
          stderr: channel.stderr,
          closed,
          close: () => {
            channel.close();
            client.end();
          },
        });
      });
    });
    client.connect(config);
  });
}
