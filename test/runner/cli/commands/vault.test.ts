import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptVaultText, parseVaultEnvelope } from '../../../../dsl/vault/index.js';
import { playIn } from './tool-harness.js';

const VAULT = fileURLToPath(new URL('../../../fixtures/vault/', import.meta.url));
const ANSIBLE_MADE = join(VAULT, 'ansible-made');
const SPINDLE_MADE = join(VAULT, 'spindle-made');
let work = '';
let passwordFile = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'spindle-vault-test-'));
  passwordFile = join(work, 'pw');
  writeFileSync(passwordFile, 'spindle-test\n');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const vault = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) =>
  playIn(work, ['vault', ...args, '--vault-password-file', passwordFile], options);

/** The `!vault |` block of an encrypt_string output, as envelope text. */
const inline = (yaml: string) =>
  yaml
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .join('\n');

describe('play vault reads what ansible-vault wrote', () => {
  it('views a 1.1 file, a 1.2 file with a vault id, and encrypt_string output', async () => {
    const plain = await vault(['view', join(ANSIBLE_MADE, 'secrets.yml')]);
    expect(plain.stdout).toBe('db_password: s3cret\napi_token: "abc:def"\n');
    expect(plain.code).toBe(0);
    const labelled = await playIn(work, [
      'vault',
      'view',
      '--vault-id',
      `dev@${passwordFile}`,
      join(ANSIBLE_MADE, 'labelled.txt'),
    ]);
    expect(labelled.stdout).toBe('line one\nline two ünïcode\n');
    const string = readFileSync(join(ANSIBLE_MADE, 'string.txt'), 'utf8');
    expect(string.startsWith('db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    writeFileSync(join(work, 'string.vault'), inline(string));
    expect((await vault(['view', 'string.vault'])).stdout).toBe('hunter2');
  });

  it('encrypts to the very bytes ansible-vault wrote, given the same salt', () => {
    for (const [file, plain, label] of [
      ['secrets.yml', 'db_password: s3cret\napi_token: "abc:def"\n', undefined],
      ['labelled.txt', 'line one\nline two ünïcode\n', 'dev'],
    ] as const) {
      const written = readFileSync(join(ANSIBLE_MADE, file), 'utf8');
      const { salt } = parseVaultEnvelope(written);
      expect(encryptVaultText(plain, 'spindle-test', { salt, label })).toBe(written);
    }
    const string16 = inline(readFileSync(join(ANSIBLE_MADE, 'string16.txt'), 'utf8'));
    const { salt } = parseVaultEnvelope(string16);
    expect(encryptVaultText('exactly16bytes!!', 'spindle-test', { salt }).trimEnd()).toBe(string16);
  });

  it('still decrypts the files it wrote that ansible-vault 2.14 read back', async () => {
    expect((await vault(['view', join(SPINDLE_MADE, 'secrets.yml')])).stdout).toBe(
      'app_secret: from spindle\nport: 8443\n',
    );
    const labelled = readFileSync(join(SPINDLE_MADE, 'labelled.txt'), 'utf8');
    expect(labelled.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
  });
});

describe('play vault writes files and strings', () => {
  it('encrypts in place keeping the mode, refuses to encrypt twice, and decrypts back', async () => {
    const file = join(work, 'vars.yml');
    writeFileSync(file, 'answer: 42\n');
    chmodSync(file, 0o640);
    const encrypted = await vault(['encrypt', 'vars.yml']);
    expect(encrypted.stderr).toBe('Encryption successful\n');
    expect(encrypted.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^\$ANSIBLE_VAULT;1\.1;AES256\n([0-9a-f]{80}\n)+[0-9a-f]{1,80}\n$/,
    );
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const again = await vault(['encrypt', 'vars.yml']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('input is already encrypted');
    const decrypted = await vault(['decrypt', 'vars.yml']);
    expect(decrypted.stderr).toBe('Decryption successful\n');
    expect(readFileSync(file, 'utf8')).toBe('answer: 42\n');
  });

  it('encrypts stdin to --output - and a labelled file with --vault-id', async () => {
    const piped = await vault(['encrypt', '--output', '-'], { stdin: 'from a pipe\n' });
    expect(piped.stdout.startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    writeFileSync(join(work, 'piped.vault'), piped.stdout);
    expect((await vault(['view', 'piped.vault'])).stdout).toBe('from a pipe\n');
    writeFileSync(join(work, 'ops.txt'), 'ops only\n');
    const labelled = await playIn(work, ['vault', 'encrypt', '--vault-id', `ops@${passwordFile}`, 'ops.txt']);
    expect(labelled.code).toBe(0);
    expect(readFileSync(join(work, 'ops.txt'), 'utf8').split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;ops');
  });

  it('prints encrypt_string output as a !vault block that decrypts to the string', async () => {
    const run = await vault(['encrypt_string', '--name', 'db_pass', 'hunter2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^db_pass: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n( {10}[0-9a-f]{1,80}\n)+$/,
    );
    writeFileSync(join(work, 'inline.vault'), inline(run.stdout));
    expect((await vault(['view', 'inline.vault'])).stdout).toBe('hunter2');
  });

  it('edits through $EDITOR and re-encrypts with the same vault id, leaving an unchanged file alone', async () => {
    const file = join(work, 'edited.txt');
    copyFileSync(join(ANSIBLE_MADE, 'labelled.txt'), file);
    const editor = join(work, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "added\\n" >> "$1"\n', { mode: 0o755 });
    const args = ['vault', 'edit', '--vault-id', `dev@${passwordFile}`, 'edited.txt'];
    const edited = await playIn(work, args, { env: { EDITOR: editor } });
    expect(edited.stderr).toBe('');
    expect(edited.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;dev');
    const viewed = await playIn(work, ['vault', 'view', '--vault-id', `dev@${passwordFile}`, 'edited.txt']);
    expect(viewed.stdout).toBe('line one\nline two ünïcode\nadded\n');
    await playIn(work, args, { env: { EDITOR: 'true' } });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('says which file a wrong password could not decrypt (exit 4)', async () => {
    writeFileSync(join(work, 'wrong'), 'not-the-password\n');
    const run = await playIn(work, [
      'vault',
      'view',
      '--vault-password-file',
      join(work, 'wrong'),
      join(ANSIBLE_MADE, 'secrets.yml'),
    ]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Decryption failed (no vault secrets were found that could decrypt)');
    expect(run.stderr).toContain('secrets.yml');
  });
});
