import { describe, expect, test } from 'vitest';
import { shellWords, sshArgsOptions } from '../../../runner/transports/options-from-args.js';

describe('OpenSSH options in ansible_ssh_*args', () => {
  test('words are split like a shell splits them, quotes kept together', () => {
    expect(shellWords(`-o 'ProxyCommand=ssh -W %h:%p jump' -F "/a b/config" x\\ y`)).toEqual([
      '-o',
      'ProxyCommand=ssh -W %h:%p jump',
      '-F',
      '/a b/config',
      'x y',
    ]);
  });

  test('-F, -J and -i are read, attached to their value or not', () => {
    expect(sshArgsOptions('-F/etc/spindle/ssh_config -J ops@bastion:2022,inner -i ~/.ssh/deploy')).toEqual({
      configFile: '/etc/spindle/ssh_config',
      proxyJump: ['ops@bastion:2022', 'inner'],
      identityFile: '~/.ssh/deploy',
    });
  });

  test('-o takes Key=Value, Key Value in one word, and -oKey=Value', () => {
    expect(sshArgsOptions(`-oProxyJump=b1 -o "StrictHostKeyChecking accept-new"`)).toEqual({
      proxyJump: ['b1'],
      policy: 'accept-new',
    });
  });

  test('a ProxyCommand of the form ssh -W %h:%p becomes a jump, with its -p and -l', () => {
    expect(sshArgsOptions(`-o ProxyCommand="ssh -q -p 2022 -l ops -W %h:%p bastion.example.com"`)).toEqual({
      proxyJump: ['ops@bastion.example.com:2022'],
    });
    expect(sshArgsOptions(`-o ProxyCommand="nc -X 5 -x proxy:1080 %h %p"`)).toEqual({});
  });

  test('the first string that sets an option wins (common args, then ssh args, then extra args)', () => {
    expect(sshArgsOptions('-J first', '-J second -F cfg', undefined)).toEqual({
      proxyJump: ['first'],
      configFile: 'cfg',
    });
  });
});
