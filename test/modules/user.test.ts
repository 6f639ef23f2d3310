import { describe, expect, test } from 'vitest';
import { userModule } from '../../modules/user.js';

const reportFor = (password: string) =>
  userModule.report?.(
    userModule.args.parse({ name: 'someone', password }),
    { exists: true, groups: [] },
    { steps: [], reason: '' },
  ) as { warnings?: string[] };

describe('user: password that is no hash', () => {
  test('warns, as Ansible does, when the password is plain text', () => {
    expect(reportFor('plaintextpassword').warnings?.[0]).toMatch(/appears not to have been hashed/);
    expect(reportFor('$6$rounds=656000$salt$short').warnings).toHaveLength(1);
  });

  test('accepts crypt hashes and the account-locking markers without a warning', () => {
    const sha512 = `$6$saltsalt$${'a'.repeat(86)}`;
    for (const password of [sha512, '!', '*', `$y$j9T$salt$${'b'.repeat(43)}`])
      expect(reportFor(password).warnings).toBeUndefined();
  });
});

describe('user: an existing account without its home directory', () => {
  const plan = (args: Record<string, unknown>, homeExists: boolean) =>
    userModule.plan(
      userModule.args.parse({ name: 'someone', ...args }),
      { exists: true, uid: 1234, group: 'someone', groups: [], home: '/home/someone', homeExists },
      { check: false, diff: false },
    );

  test('gets it created and owned by the account, as Ansible does', () => {
    const steps = plan({}, false).steps as string[][];
    expect(steps[0].at(-1)).toBe('/home/someone');
    expect(steps).toContainEqual(['chown', '-R', '1234:someone', '/home/someone']);
  });

  test('is left alone with create_home: false, or when the directory exists', () => {
    expect(plan({ create_home: false }, false).steps).toEqual([]);
    expect(plan({}, true).steps).toEqual([]);
  });
});

describe('user: password_lock with a password', () => {
  const hash = `$6$saltsalt$${'a'.repeat(86)}`;
  const plan = (args: Record<string, unknown>, password: string) =>
    userModule.plan(
      userModule.args.parse({ name: 'someone', password: hash, ...args }),
      { exists: true, uid: 1, group: 'g', groups: [], home: '/h', homeExists: true, password },
      { check: false, diff: false },
    );

  test('a locked account with the same hash is unchanged, as in Ansible', () => {
    expect(plan({ password_lock: true }, `!${hash}`).steps).toEqual([]);
    expect(plan({}, `!${hash}`).steps).toEqual([]);
  });

  test('a new hash is set locked in one step when password_lock asks for it', () => {
    expect(plan({ password_lock: true }, '!old').steps).toEqual([
      ['usermod', '--password', `!${hash}`, 'someone'],
    ]);
  });
});

describe('user: append without groups', () => {
  test('warns that nothing is appended, as Ansible does', () => {
    const report = userModule.report?.(
      userModule.args.parse({ name: 'someone', append: true }),
      { exists: true, groups: [] },
      { steps: [], reason: '' },
    ) as { warnings?: string[] };
    expect(report.warnings?.[0]).toMatch(/'append' is set, but no 'groups' are specified/);
  });
});
