import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  checkKnownHosts,
  fingerprint,
  keyTypeOf,
  knownHostsName,
} from '../../../runner/transports/known-hosts.js';
import { sshArgsOptions } from '../../../runner/transports/options-from-args.js';

function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(t.length);
  return Buffer.concat([length, t, Buffer.from(body)]);
}

const key = blob('ssh-ed25519', 'server key');
const other = blob('ssh-ed25519', 'another key');
const b64 = key.toString('base64');

describe('known_hosts', () => {
  test('matches plain names, [host]:port names and patterns', () => {
    expect(checkKnownHosts(`web1,10.0.0.1 ssh-ed25519 ${b64}\n`, 'web1', 'ssh-ed25519', key)).toBe('known');
    expect(
      checkKnownHosts(
        `[127.0.0.1]:2222 ssh-ed25519 ${b64}\n`,
        knownHostsName('127.0.0.1', 2222),
        'ssh-ed25519',
        key,
      ),
    ).toBe('known');
    expect(checkKnownHosts(`*.example.com ssh-ed25519 ${b64}\n`, 'a.example.com', 'ssh-ed25519', key)).toBe(
      'known',
    );
    expect(
      checkKnownHosts(
        `[127.0.0.1]:2222 ssh-ed25519 ${b64}\n`,
        knownHostsName('127.0.0.1', 2223),
        'ssh-ed25519',
        key,
      ),
    ).toBe('unknown');
  });

  test('matches hashed |1| entries', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[db.example]:2200').digest('base64');
    expect(
      checkKnownHosts(
        `|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${b64}\n`,
        '[db.example]:2200',
        'ssh-ed25519',
        key,
      ),
    ).toBe('known');
  });

  test('reports a changed key when the name is known with another key, and honours @revoked', () => {
    expect(
      checkKnownHosts(`web1 ssh-ed25519 ${other.toString('base64')}\n`, 'web1', 'ssh-ed25519', key),
    ).toBe('changed');
    expect(
      checkKnownHosts(`@revoked * ssh-ed25519 ${b64}\nweb1 ssh-ed25519 ${b64}\n`, 'web1', 'ssh-ed25519', key),
    ).toBe('revoked');
  });

  test('prints fingerprints like OpenSSH and reads the key type from the blob', () => {
    expect(fingerprint(key)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
  });

  test('reads the host key options Ansible inventories pass in ansible_ssh_common_args', () => {
    expect(sshArgsOptions('-o StrictHostKeyChecking=no')).toEqual({ policy: 'off' });
    expect(sshArgsOptions('-o UserKnownHostsFile=/dev/null -o ProxyCommand=none')).toEqual({ policy: 'off' });
    expect(sshArgsOptions("-o 'StrictHostKeyChecking=accept-new' -o UserKnownHostsFile=/tmp/kh")).toEqual({
      policy: 'accept-new',
      knownHostsFile: '/tmp/kh',
    });
  });
});
