import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptVaultText, isVaultText, parseVaultEnvelope, VaultError } from '../../../dsl/vault/index.js';
import { encryptForTest } from './encrypt.js';

/** Fixtures made once with Debian's ansible-core 2.14 `ansible-vault` and the password below. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/vault');
const PASSWORD = 'spindle-test-pw';
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** The vault text of an `encrypt_string` fixture (`name: !vault |` then the indented envelope). */
const inline = (name: string) =>
  fixture(name)
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .join('\n');

describe('vault envelopes', () => {
  it('parses a 1.1 envelope into salt, HMAC and ciphertext', () => {
    const envelope = parseVaultEnvelope(fixture('secrets.yml'));
    expect(envelope.version).toBe('1.1');
    expect(envelope.label).toBeUndefined();
    expect(envelope.salt).toHaveLength(32);
    expect(envelope.hmac).toHaveLength(32);
    expect(envelope.ciphertext.length % 16).toBe(0);
  });

  it('parses the vault id label of a 1.2 envelope', () => {
    expect(parseVaultEnvelope(inline('inline-1.2.yml')).label).toBe('prod');
  });

  it('recognises vault text and rejects damaged envelopes as invalid data', () => {
    expect(isVaultText(fixture('secrets.yml'))).toBe(true);
    expect(isVaultText('a: 1\n')).toBe(false);
    expect(() =>
      decryptVaultText('$ANSIBLE_VAULT;1.1;AES256\nzz\n', [{ label: 'default', password: 'x' }], 'f.yml'),
    ).toThrow('Invalid vault data: the vault body is not hex in f.yml');
  });
});

describe('vault decryption', () => {
  const secrets = [{ label: 'default', password: PASSWORD }];

  it('decrypts a file that ansible-vault encrypted', () => {
    expect(decryptVaultText(fixture('secrets.yml'), secrets).toString()).toBe(
      'db_password: s3cr3t-from-file\napp_port: 8080\n',
    );
  });

  it('decrypts encrypt_string output, 1.1 and 1.2 with a label', () => {
    expect(decryptVaultText(inline('inline.yml'), secrets).toString()).toBe('inline-secret-value');
    const labelled = [
      { label: 'dev', password: 'not-this-one' },
      { label: 'prod', password: PASSWORD },
    ];
    expect(decryptVaultText(inline('inline-1.2.yml'), labelled).toString()).toBe('labelled-secret');
  });

  it('tries every secret in order when labels do not match', () => {
    const several = [
      { label: 'a', password: 'wrong' },
      { label: 'b', password: PASSWORD },
    ];
    expect(decryptVaultText(fixture('secrets.yml'), several).toString()).toContain('s3cr3t-from-file');
  });

  it('fails with Ansible’s message and the location when no password fits', () => {
    const attempt = () =>
      decryptVaultText(inline('inline.yml'), [{ label: 'default', password: 'wrong' }], 'vars.yml:3:12');
    expect(attempt).toThrow(VaultError);
    expect(attempt).toThrow(
      'Decryption failed (no vault secrets were found that could decrypt) in vars.yml:3:12',
    );
  });

  it('says that no vault secrets were given when there are none', () => {
    expect(() => decryptVaultText(fixture('secrets.yml'), [], 'group_vars/all.yml')).toThrow(
      /^Attempting to decrypt but no vault secrets found .* in group_vars\/all.yml$/,
    );
  });

  it('round-trips the test encrypt helper, including empty and block-sized plaintexts', () => {
    for (const plain of ['', 'x', '0123456789abcdef', 'ünïcode\n'.repeat(9)]) {
      expect(
        decryptVaultText(encryptForTest(plain, 'pw'), [{ label: 'default', password: 'pw' }]).toString(),
      ).toBe(plain);
    }
    expect(parseVaultEnvelope(encryptForTest('x', 'pw', 'ops')).label).toBe('ops');
  });
});
