import { describe, expect, it } from 'vitest';
import { AuthAttempts } from '../../../runner/transports/auth-attempts.js';

describe('auth attempts', () => {
  it('offers none first, then password, key, agent and keyboard-interactive, as ssh2 does', () => {
    const attempts = new AuthAttempts({ keyFile: '/k', agent: '/a', password: true });
    const order = [attempts.next(null)];
    for (let i = 0; i < 5; i++) order.push(attempts.next(['publickey', 'password', 'keyboard-interactive']));
    expect(order).toEqual(['none', 'password', 'publickey', 'agent', 'keyboard-interactive', false]);
    expect(attempts.summary()).toBe(
      'password refused; publickey (key /k) refused; publickey (ssh-agent /a) refused; keyboard-interactive (the password) refused',
    );
  });

  it('skips what the server does not accept and says so', () => {
    const attempts = new AuthAttempts({ keyFile: '/k', password: true });
    expect(attempts.next(null)).toBe('none');
    expect(attempts.next(['password'])).toBe('password');
    expect(attempts.next(['password'])).toBe(false);
    expect(attempts.summary()).toBe(
      'password refused; publickey (key /k) not accepted by the server; the server accepts password',
    );
  });

  it('says when there was nothing to offer', () => {
    const attempts = new AuthAttempts({ password: false });
    expect(attempts.next(null)).toBe('none');
    expect(attempts.next(['publickey'])).toBe(false);
    expect(attempts.summary()).toBe(
      'no key, ssh-agent or password to offer (set ansible_ssh_private_key_file or ansible_password); the server accepts publickey',
    );
  });
});
