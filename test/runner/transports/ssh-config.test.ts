import { describe, expect, test } from 'vitest';
import { parseHop, proxyJumpHops, resolveSshConfig } from '../../../runner/transports/ssh-config.js';

const env = { home: '/home/ann', localUser: 'ann' };

const config = `
# global options come first in OpenSSH files, and apply to every host
IdentityFile ~/.ssh/global_key

Host web-* !web-9
  HostName %h.example.com
  Port 2200
  IdentityFile ~/.ssh/web_%r

Host web-1
  Port 3000
  User bob

Host db
  HostName 10.0.0.7
  ProxyJump ops@bastion:2022,inner
  StrictHostKeyChecking accept-new
  UserKnownHostsFile ~/.ssh/db_known_hosts /etc/ssh/other

Host quiet
  UserKnownHostsFile /dev/null

Host *
  User alice
  StrictHostKeyChecking no
`;

describe('resolving a host in an OpenSSH client config', () => {
  test('a wildcard block applies, and the first value of an option wins over later blocks', () => {
    expect(resolveSshConfig(config, 'web-1', env)).toEqual({
      hostName: 'web-1.example.com',
      port: 2200,
      user: 'bob',
      identityFiles: ['/home/ann/.ssh/global_key', '/home/ann/.ssh/web_bob'],
      hostKeyPolicy: 'off',
    });
  });

  test('a negated pattern keeps its block away from that host', () => {
    const entry = resolveSshConfig(config, 'web-9', env);
    expect(entry.hostName).toBeUndefined();
    expect(entry.port).toBeUndefined();
    expect(entry.user).toBe('alice');
  });

  test('ProxyJump, StrictHostKeyChecking and the first UserKnownHostsFile are read, with ~ expanded', () => {
    expect(resolveSshConfig(config, 'db', env)).toMatchObject({
      hostName: '10.0.0.7',
      proxyJump: ['ops@bastion:2022', 'inner'],
      hostKeyPolicy: 'accept-new',
      knownHostsFile: '/home/ann/.ssh/db_known_hosts',
    });
  });

  test('UserKnownHostsFile /dev/null turns checking off, as it does for OpenSSH', () => {
    expect(resolveSshConfig(config, 'quiet', env).hostKeyPolicy).toBe('off');
  });

  test('a host no block names gets only the catch-all values', () => {
    expect(resolveSshConfig('Host other\n  Port 1\n', 'mine', env)).toEqual({});
  });

  test('option names are case-insensitive, like OpenSSH', () => {
    expect(resolveSshConfig('host x\n  hostname 1.2.3.4\n  PORT 44\n', 'x', env)).toEqual({
      hostName: '1.2.3.4',
      port: 44,
    });
  });
});

describe('ProxyJump values', () => {
  test('split into hops in order; none means no jump', () => {
    expect(proxyJumpHops('a, user@b:2222')).toEqual(['a', 'user@b:2222']);
    expect(proxyJumpHops('none')).toEqual([]);
  });

  test('each hop names its user, host and port, also as an ssh:// URI or a bracketed IPv6 address', () => {
    expect(parseHop('ops@bastion:2022')).toEqual({ host: 'bastion', user: 'ops', port: 2022 });
    expect(parseHop('bastion')).toEqual({ host: 'bastion', user: undefined });
    expect(parseHop('ssh://me@[::1]:23')).toEqual({ host: '::1', user: 'me', port: 23 });
  });
});
