import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../../runner/play/mask-secrets.js';

describe('masking decrypted vault values', () => {
  it('replaces every occurrence inside nested strings, longest secret first', () => {
    const secrets = new Set(['hunter2', 'hunter2-extended']);
    expect(
      maskSecrets(
        { msg: 'pw hunter2-extended and hunter2', items: [{ out: 'hunter2' }], rc: 0, ok: true },
        secrets,
      ),
    ).toEqual({ msg: 'pw <vaulted> and <vaulted>', items: [{ out: '<vaulted>' }], rc: 0, ok: true });
  });

  it('returns the value itself when no secret was decrypted', () => {
    const result = { msg: 'hunter2' };
    expect(maskSecrets(result, new Set())).toBe(result);
  });

  it('masks a short secret only where a whole string is that secret, not inside unrelated text', () => {
    expect(maskSecrets({ port: '80', msg: 'listening on 8080', n: ['80'] }, new Set(['80']))).toEqual({
      port: '<vaulted>',
      msg: 'listening on 8080',
      n: ['<vaulted>'],
    });
  });
});
