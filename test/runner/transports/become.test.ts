import { describe, expect, test } from 'vitest';
import { Secret } from '../../../bootstrap/codec.js';
import { becomeSpawn } from '../../../runner/transports/become.js';

const password = 'pw-never-on-argv';

describe('become methods build argv and prompt rules', () => {
  test.each(['sudo', 'su', 'doas'] as const)(
    '%s never puts the password on argv or in the environment, and keeps it a Secret',
    (method) => {
      const spawn = becomeSpawn({ method, user: 'deploy', password, host: 'web1' });
      expect(spawn.argv.join(' ')).not.toContain(password);
      expect(JSON.stringify(spawn.env ?? {})).not.toContain(password);
      expect(spawn.argv).toContain('deploy');
    },
  );

  test('sudo with a password reads it once on stdin after its own prompt, and names a wrong one', () => {
    const spawn = becomeSpawn({ method: 'sudo', user: 'root', password, host: 'web1' });
    expect(spawn.argv.slice(0, 5)).toEqual(['sudo', '-H', '-S', '-p', '[spindle-sudo-password]']);
    expect(
      spawn.prompts?.filter((rule) => rule.send instanceof Secret && rule.send.reveal() === password),
    ).toHaveLength(1);
    const wrong = spawn.prompts?.find((rule) => new RegExp(rule.match).test('Sorry, try again.'));
    expect(wrong?.failWith).toBe('become: incorrect password for sudo on web1');
  });

  test("sudo without a password uses Ansible's flags in its order and fails at once instead of prompting", () => {
    const spawn = becomeSpawn({ method: 'sudo', user: 'deploy', host: 'web1' });
    expect(spawn.argv).toEqual(['sudo', '-H', '-S', '-n', '-u', 'deploy', '--', '/bin/sh', '-c']);
    const refused = spawn.prompts?.find((rule) =>
      new RegExp(rule.match).test('sudo: a password is required'),
    );
    expect(refused?.failWith).toBe(
      'become: sudo on web1 needs a password (use -K or ansible_become_password)',
    );
  });

  test("become_flags replace sudo's defaults as argv words; with a password -n is dropped, as Ansible", () => {
    const given = becomeSpawn({ method: 'sudo', user: 'deploy', host: 'web1', flags: "-E -H 'x y' -n" });
    expect(given.argv).toEqual(['sudo', '-E', '-H', 'x y', '-n', '-u', 'deploy', '--', '/bin/sh', '-c']);
    const withPassword = becomeSpawn({
      method: 'sudo',
      user: 'root',
      host: 'web1',
      password,
      flags: '-HSn -i',
    });
    expect(withPassword.argv.slice(0, 6)).toEqual([
      'sudo',
      '-HS',
      '-i',
      '-p',
      '[spindle-sudo-password]',
      '-u',
    ]);
    const noN = becomeSpawn({ method: 'sudo', user: 'root', host: 'web1', flags: '-H -S' });
    const prompt = noN.prompts?.find((rule) => new RegExp(rule.match).test('[sudo] password for ops: '));
    expect(prompt?.failWith).toBe(
      'become: sudo on web1 needs a password (use -K or ansible_become_password)',
    );
    expect(() => becomeSpawn({ method: 'sudo', user: 'root', host: 'web1', flags: "-H 'open" })).toThrow(
      /web1: become_flags/,
    );
  });

  test('su with a password runs under script for a terminal, with the protocol on fds 3/4', () => {
    const spawn = becomeSpawn({ method: 'su', user: 'deploy', password, host: 'web1' });
    expect(spawn.protocolFds).toBe(true);
    expect(spawn.argv[2]).toContain('exec script -q -e -c');
    expect(spawn.env).toEqual({ SHELL: '/bin/sh' });
    const answer = spawn.prompts?.find(
      (rule) => rule.send instanceof Secret && rule.send.reveal() === password,
    );
    expect(new RegExp(answer!.match).test('Password: ')).toBe(true);
    const wrong = spawn.prompts?.find((rule) => new RegExp(rule.match).test('su: Authentication failure'));
    expect(wrong?.failWith).toBe('become: incorrect password for su on web1');
    const noScript = spawn.prompts?.find((rule) =>
      new RegExp(rule.match).test('/bin/sh: 1: exec: script: not found'),
    );
    expect(noScript?.failWith).toContain('needs `script` (util-linux) on web1');
  });

  test('su without a password gives su an empty stdin and says a password is needed when it fails', () => {
    const spawn = becomeSpawn({ method: 'su', user: 'deploy', host: 'web1' });
    expect(spawn.protocolFds).toBe(true);
    expect(spawn.argv[2]).toMatch(/<\/dev\/null$/);
    expect(spawn.argv[2]).not.toContain('script');
    expect(spawn.prompts).toEqual([
      {
        match: 'su: Authentication failure',
        failWith: 'become: su on web1 needs the password of deploy (use -K or ansible_become_password)',
      },
    ]);
  });

  test('a user name with shell characters reaches su as one argument, not as shell text', () => {
    const user = 'x"; touch /tmp/pwned; "';
    const spawn = becomeSpawn({ method: 'su', user, password, host: 'web1' });
    expect(spawn.argv.at(-1)).toBe(user);
    expect(spawn.argv[2]).not.toContain('pwned');
  });

  test('doas never waits for a password: -n, and a rule that asks for one points at `permit nopass`', () => {
    const spawn = becomeSpawn({ method: 'doas', user: 'root', password, host: 'web1' });
    expect(spawn.argv).toEqual([
      '/bin/sh',
      '-c',
      'exec doas -n -u "$1" /bin/sh -c "$2"',
      'spindle-doas',
      'root',
    ]);
    expect(spawn.prompts?.some((rule) => rule.send !== undefined)).toBe(false);
    const failure = (output: string) =>
      spawn.prompts?.find((rule) => new RegExp(rule.match).test(output))?.failWith;
    expect(failure('doas: Authentication required')).toContain(
      'doas needs a `permit nopass` rule for root in /etc/doas.conf on web1',
    );
    expect(failure('/bin/sh: 1: exec: doas: not found')).toBe('become: doas is not installed on web1');
    expect(failure('doas: doas is not enabled, /etc/doas.conf: No such file or directory')).toBe(
      'become: doas is not enabled on web1 (no /etc/doas.conf on web1)',
    );
  });
});
