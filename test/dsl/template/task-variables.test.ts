import { describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const templar = new Templar();

describe('variables the templar gives a task', () => {
  test("ansible_search_path is the role's folder, then the task file's folder", () => {
    const where = {
      rolePath: '/r/roles/web',
      location: { file: '/r/roles/web/tasks/main.yml', line: 1, column: 1 },
    };
    expect(templar.render('{{ ansible_search_path }}', {}, where)).toEqual([
      '/r/roles/web',
      '/r/roles/web/tasks',
    ]);
    expect(templar.render('{{ ansible_search_path }}', { ansible_search_path: ['/x'] }, where)).toEqual([
      '/x',
    ]);
  });

  test("ansible_search_path ends with the playbook's folder, as Ansible adds its loader's basedir", () => {
    const where = {
      rolePath: '/r/roles/web',
      location: { file: '/r/roles/web/tasks/main.yml', line: 1, column: 1 },
    };
    expect(new Templar({ baseDir: '/r' }).render('{{ ansible_search_path }}', {}, where)).toEqual([
      '/r/roles/web',
      '/r/roles/web/tasks',
      '/r',
    ]);
  });
});

describe('the vault filter', () => {
  test('wrap_object gives an encrypted value of Ansible’s class, else text', () => {
    const vars = { password: 'pw' };
    expect(templar.evaluate("'data' | vault(password, wrap_object=True) | type_debug", vars)).toBe(
      'AnsibleVaultEncryptedUnicode',
    );
    expect(templar.evaluate("'data' | vault(password) | type_debug", vars)).toBe('str');
  });
});

describe('an inline vault value without vault secrets', () => {
  const encrypted = new Templar().evaluate("'data' | vault('pw')", {}) as string;
  const vars = { secret: { __vault__: encrypted } };

  test('reaches filters and tests still encrypted', () => {
    const templar = new Templar();
    expect(templar.evaluate("secret | unvault('pw')", vars)).toBe('data');
    expect(templar.evaluate('secret is vault_encrypted', vars)).toBe(true);
  });

  test('fails when used as text', () => {
    const templar = new Templar();
    expect(() => templar.render('{{ secret }}', vars)).toThrow(/no vault secrets found/);
    expect(() => templar.render('x {{ secret }}', vars)).toThrow(/no vault secrets found/);
  });
});

describe('an inline vault value with a vault secret', () => {
  const encrypted = new Templar().evaluate("'foo bar' | vault('pw')", {}) as string;
  const vars = { secret: { __vault__: encrypted } };
  const templar = new Templar({ vault: [{ label: 'default', password: 'pw' }] });

  test('stays encrypted for vault_encrypted, type_debug and the string test', () => {
    expect(templar.evaluate('secret is vault_encrypted', vars)).toBe(true);
    expect(templar.evaluate('secret | type_debug', vars)).toBe('AnsibleVaultEncryptedUnicode');
    expect(templar.evaluate('secret is string', vars)).toBe(false);
  });

  test('reads as its plaintext wherever it is used as text', () => {
    expect(templar.render('{{ secret }}', vars)).toBe('foo bar');
    expect(templar.render('{{ secret ~ "!" }} {{ secret | length }} {{ secret.upper() }}', vars)).toBe(
      'foo bar! 7 FOO BAR',
    );
    expect(templar.evaluate("secret == 'foo bar' and 'bar' in secret", vars)).toBe(true);
    expect(templar.render('{{ [secret] }}', vars)).toEqual(['foo bar']);
    expect(templar.render('{{ secret | to_json }}', vars)).toBe('"foo bar"');
    expect(templar.evaluate('copy is vault_encrypted', { ...vars, copy: '{{ secret }}' })).toBe(false);
  });
});
