import { describe, expect, it } from 'vitest';
import { parseAnsibleConfig } from '../../../runner/cli/ansible-config.js';
import { parseArgs } from '../../../runner/cli/parse-args.js';
import { resolveSettings } from '../../../runner/cli/settings.js';

const CFG = parseAnsibleConfig(
  [
    '[defaults]',
    'inventory = inv/hosts.ini',
    'forks = 20',
    'remote_user = deploy',
    'host_key_checking = False',
    'timeout = 30',
    'roles_path = roles:/opt/roles',
    '[privilege_escalation]',
    'become = yes',
    'become_method = su',
    'become_user = admin',
    'become_ask_pass = no',
    'become_allow_same_user = yes',
  ].join('\n'),
  '/proj/ansible.cfg',
);

const settings = (argv: string[], env: Record<string, string> = {}, cfg = CFG) =>
  resolveSettings(parseArgs(argv).options, env, cfg, '/cwd');

describe('settings precedence', () => {
  it('uses Spindle’s defaults with no flags, environment or file', () => {
    const s = settings([], {}, { sections: {} });
    expect(s).toMatchObject({
      inventory: [],
      forks: undefined,
      hostKeyChecking: true,
      connectTimeoutMs: 10_000,
      rolesPath: [],
    });
    expect(s.become).toEqual({
      enabled: false,
      method: 'sudo',
      user: 'root',
      askPass: false,
      allowSameUser: false,
    });
  });

  it('reads ansible.cfg, resolving its relative paths from the file’s folder', () => {
    const s = settings([]);
    expect(s).toMatchObject({
      inventory: ['/proj/inv/hosts.ini'],
      forks: 20,
      remoteUser: 'deploy',
      hostKeyChecking: false,
      connectTimeoutMs: 30_000,
    });
    expect(s.rolesPath).toEqual(['/proj/roles', '/opt/roles']);
    expect(s.become).toEqual({
      enabled: true,
      method: 'su',
      user: 'admin',
      askPass: false,
      allowSameUser: true,
    });
  });

  it('lets ANSIBLE_* variables override the file', () => {
    const s = settings([], {
      ANSIBLE_INVENTORY: 'a.ini,b.ini',
      ANSIBLE_FORKS: '3',
      ANSIBLE_REMOTE_USER: 'ops',
      ANSIBLE_HOST_KEY_CHECKING: 'true',
      ANSIBLE_TIMEOUT: '7',
      ANSIBLE_BECOME: 'false',
      ANSIBLE_BECOME_METHOD: 'doas',
      ANSIBLE_BECOME_USER: 'svc',
      ANSIBLE_BECOME_ASK_PASS: '1',
      ANSIBLE_BECOME_ALLOW_SAME_USER: 'false',
    });
    expect(s).toMatchObject({
      inventory: ['/cwd/a.ini', '/cwd/b.ini'],
      forks: 3,
      remoteUser: 'ops',
      hostKeyChecking: true,
      connectTimeoutMs: 7000,
    });
    expect(s.become).toEqual({
      enabled: false,
      method: 'doas',
      user: 'svc',
      askPass: true,
      allowSameUser: false,
    });
  });

  it('lets flags override both', () => {
    const env = {
      ANSIBLE_FORKS: '3',
      ANSIBLE_REMOTE_USER: 'ops',
      ANSIBLE_BECOME_METHOD: 'doas',
      ANSIBLE_INVENTORY: 'a.ini',
    };
    const s = settings(
      [
        '-f',
        '9',
        '-u',
        'me',
        '--become-method',
        'sudo',
        '--become-user',
        'x',
        '-K',
        '-T',
        '2',
        '-i',
        'h1,h2,',
      ],
      env,
    );
    expect(s).toMatchObject({ forks: 9, remoteUser: 'me', connectTimeoutMs: 2000, inventory: ['h1,h2,'] });
    expect(s.become).toEqual({
      enabled: true,
      method: 'sudo',
      user: 'x',
      askPass: true,
      allowSameUser: true,
    });
  });

  it('reads the default connection from -c, then ANSIBLE_TRANSPORT, then ansible.cfg [defaults] transport', () => {
    const cfg = parseAnsibleConfig('[defaults]\ntransport = paramiko\n', '/proj/ansible.cfg');
    expect(settings([], {}, cfg).connection).toBe('paramiko');
    expect(settings([], { ANSIBLE_TRANSPORT: 'ssh' }, cfg).connection).toBe('ssh');
    expect(settings(['-c', 'local'], { ANSIBLE_TRANSPORT: 'ssh' }, cfg).connection).toBe('local');
    expect(settings(['--connection', 'local'], {}, { sections: {} }).connection).toBe('local');
    expect(settings([], {}, { sections: {} }).connection).toBeUndefined();
  });

  it('splits comma lists in tags and resolves inventory files from the working folder', () => {
    const s = settings(['-t', 'a,b', '-t', 'c', '--skip-tags', 'slow', '-i', 'hosts', '-i', '~/inv'], {
      HOME: '/home/u',
    });
    expect(s.tags).toEqual(['a', 'b', 'c']);
    expect(s.skipTags).toEqual(['slow']);
    expect(s.inventory).toEqual(['/cwd/hosts', '/home/u/inv']);
  });

  it('names the flag, variable or cfg key of a bad number', () => {
    expect(() => settings(['-f', 'many'])).toThrow(
      'Expected `--forks` to be an integer ≥ 1, got "many" (string)',
    );
    expect(() => settings([], { ANSIBLE_FORKS: '0' })).toThrow(
      'Expected `ANSIBLE_FORKS` to be an integer ≥ 1, got "0" (string)',
    );
    const cfg = parseAnsibleConfig('[defaults]\nforks = lots\n', '/p/ansible.cfg');
    expect(() => settings([], {}, cfg)).toThrow(
      'Expected `forks` in /p/ansible.cfg [defaults] to be an integer ≥ 1, got "lots" (string)',
    );
  });

  it('names a bad boolean and a bad become method', () => {
    expect(() => settings([], { ANSIBLE_BECOME: 'maybe' })).toThrow(
      'Expected `ANSIBLE_BECOME` to be a boolean (yes/no, true/false), got "maybe" (string)',
    );
    expect(() => settings(['--become-method', 'runas'])).toThrow(
      'Expected `--become-method` to be one of sudo, su, doas, got "runas" (string)',
    );
  });

  it('chooses the json reporter for --json and refuses a conflicting --reporter', () => {
    expect(settings(['--json']).reporter).toBe('json');
    expect(() => settings(['--json', '--reporter', 'plain'])).toThrow(
      '`--json` conflicts with `--reporter plain`',
    );
    expect(() => settings(['--reporter', 'fancy'])).toThrow(
      'Expected `--reporter` to be one of tty, plain, json, silent, got "fancy" (string)',
    );
  });

  it('requires --check for --exit-code-on-change', () => {
    expect(() => settings(['--exit-code-on-change'])).toThrow('needs `--check`');
    expect(settings(['-C', '--exit-code-on-change']).exitCodeOnChange).toBe(true);
  });
});

describe('the gathering setting', () => {
  it('is implicit by default, read from ansible.cfg [defaults] gathering, and ANSIBLE_GATHERING wins', () => {
    expect(settings([], {}, { sections: {} }).gathering).toBe('implicit');
    const cfg = parseAnsibleConfig('[defaults]\ngathering = explicit\n', '/proj/ansible.cfg');
    expect(settings([], {}, cfg).gathering).toBe('explicit');
    expect(settings([], { ANSIBLE_GATHERING: 'smart' }, cfg).gathering).toBe('smart');
  });

  it('rejects a value Ansible does not know, naming where it came from', () => {
    expect(() => settings([], { ANSIBLE_GATHERING: 'sometimes' })).toThrow(
      'Expected `ANSIBLE_GATHERING` to be one of implicit, explicit, smart, got "sometimes"',
    );
  });
});

describe('the force_handlers setting', () => {
  it('is off by default, read from ansible.cfg, ANSIBLE_FORCE_HANDLERS and --force-handlers', () => {
    expect(settings([], {}, { sections: {} }).forceHandlers).toBe(false);
    const cfg = parseAnsibleConfig('[defaults]\nforce_handlers = yes\n', '/proj/ansible.cfg');
    expect(settings([], {}, cfg).forceHandlers).toBe(true);
    expect(settings([], { ANSIBLE_FORCE_HANDLERS: 'false' }, cfg).forceHandlers).toBe(false);
    expect(settings(['--force-handlers'], {}, { sections: {} }).forceHandlers).toBe(true);
  });
});

describe('the no_log setting', () => {
  it('is off by default, read from ansible.cfg and ANSIBLE_NO_LOG', () => {
    expect(settings([], {}, { sections: {} }).noLog).toBe(false);
    const cfg = parseAnsibleConfig('[defaults]\nno_log = yes\n', '/proj/ansible.cfg');
    expect(settings([], {}, cfg).noLog).toBe(true);
    expect(settings([], { ANSIBLE_NO_LOG: '0' }, cfg).noLog).toBe(false);
  });
});

describe('the jinja2_native setting', () => {
  it('is off by default, read from ansible.cfg and ANSIBLE_JINJA2_NATIVE', () => {
    expect(settings([], {}, { sections: {} }).jinja2Native).toBe(false);
    const cfg = parseAnsibleConfig('[defaults]\njinja2_native = True\n', '/proj/ansible.cfg');
    expect(settings([], {}, cfg).jinja2Native).toBe(true);
    expect(settings([], { ANSIBLE_JINJA2_NATIVE: '0' }, cfg).jinja2Native).toBe(false);
    expect(settings([], { ANSIBLE_JINJA2_NATIVE: '1' }, { sections: {} }).jinja2Native).toBe(true);
  });
});
