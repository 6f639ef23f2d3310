import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAnsibleConfig } from '../../../runner/cli/ansible-config.js';
import { parseArgs } from '../../../runner/cli/parse-args.js';
import { resolveSettings } from '../../../runner/cli/settings.js';
import { encryptForTest } from '../../dsl/vault/encrypt.js';
import { play } from './cli-harness.js';

/** Fixtures made with `ansible-vault` (ansible-core 2.14) and this password. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/vault');
const PASSWORD = 'spindle-test-pw';
const indented = (name: string) =>
  readFileSync(join(FIXTURES, name), 'utf8').replace(/^/gm, '    ').trimEnd();

let dir: string;
let playbook: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-vault-cli-'));
  copyFileSync(join(FIXTURES, 'secrets.yml'), join(dir, 'secrets.yml'));
  mkdirSync(join(dir, 'group_vars'));
  writeFileSync(join(dir, 'group_vars', 'all.yml'), `${indented('inline.yml').trimStart()}\n`);
  writeFileSync(join(dir, 'pw.txt'), `${PASSWORD}\n`);
  playbook = join(dir, 'site.yml');
  writeFileSync(
    playbook,
    `- hosts: localhost
  gather_facts: false
  vars_files: [secrets.yml]
  vars:
${indented('inline-1.2.yml')}
  tasks:
    - copy: { content: "{{ api_token }} {{ labelled }} {{ db_password }}", dest: "${dir}/out.txt" }
    - name: shout
      debug: { msg: "secret={{ api_token }}" }
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('play with vaulted data', () => {
  it('decrypts with --vault-password-file and shows decrypted values as <vaulted> with -v', async () => {
    const run = await play([
      '--reporter',
      'plain',
      '-v',
      '--vault-password-file',
      join(dir, 'pw.txt'),
      playbook,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(
      'inline-secret-value labelled-secret s3cr3t-from-file',
    );
    expect(run.stdout).toContain('"msg": "secret=<vaulted>"');
    expect(run.stdout).not.toContain('inline-secret-value');
  });

  it('runs an executable password script named by ANSIBLE_VAULT_PASSWORD_FILE', async () => {
    const script = join(dir, 'pw.sh');
    writeFileSync(script, `#!/bin/sh\necho '${PASSWORD}'\n`);
    chmodSync(script, 0o755);
    const run = await play(['--reporter', 'plain', playbook], {
      env: { ANSIBLE_VAULT_PASSWORD_FILE: script },
    });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toContain('labelled-secret');
  });

  it('takes --vault-id LABEL@FILE and the password of --ask-vault-pass from a pipe', async () => {
    writeFileSync(join(dir, 'wrong.txt'), 'nope\n');
    const run = await play(
      ['--reporter', 'plain', '--vault-id', `dev@${join(dir, 'wrong.txt')}`, '-J', playbook],
      { stdin: `${PASSWORD}\n` },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('fails with exit 4 and Ansible’s message naming the file when the password is wrong', async () => {
    writeFileSync(join(dir, 'wrong.txt'), 'nope\n');
    const run = await play(['--vault-password-file', join(dir, 'wrong.txt'), playbook]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(
      `Decryption failed (no vault secrets were found that could decrypt) in ${join(dir, 'secrets.yml')}`,
    );
  });

  it('names the flag when the password file is missing or the script fails (exit 5)', async () => {
    const missing = await play(['--vault-password-file', join(dir, 'nope.txt'), playbook]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain(
      `cannot read vault password file ${join(dir, 'nope.txt')} (from --vault-password-file)`,
    );
    const script = join(dir, 'fail.sh');
    writeFileSync(script, '#!/bin/sh\necho locked >&2\nexit 3\n');
    chmodSync(script, 0o755);
    const failing = await play(['--vault-password-file', script, playbook]);
    expect(failing.code).toBe(5);
    expect(failing.stderr).toContain('failed with exit code 3: locked');
  });

  it('shows a vaulted variable as <vaulted> in --explain-var', async () => {
    const run = await play([
      '--vault-password-file',
      join(dir, 'pw.txt'),
      '--explain-var',
      'api_token',
      'localhost',
      playbook,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/group_vars\/all\.yml +"<vaulted>"/);
    expect(run.stdout).not.toContain('ANSIBLE_VAULT');
  });

  it('shows every value of an encrypted group_vars file as <vaulted> in --explain-var', async () => {
    writeFileSync(join(dir, 'group_vars', 'all.yml'), encryptForTest('region: eu-west\n', PASSWORD));
    const run = await play([
      '--vault-password-file',
      join(dir, 'pw.txt'),
      '--explain-var',
      'region',
      'localhost',
      playbook,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/group_vars\/all\.yml +<vaulted>/);
    expect(run.stdout).not.toContain('eu-west');
  });
});

describe('vault password settings', () => {
  const cfg = parseAnsibleConfig('[defaults]\nvault_password_file = secrets/pw\n', '/proj/ansible.cfg');
  const settings = (argv: string[], env: Record<string, string> = {}) =>
    resolveSettings(parseArgs(argv).options, env, cfg, '/cwd').vault;

  it('reads vault_password_file from ansible.cfg relative to the file, under the environment and flags', () => {
    expect(settings([])).toEqual([
      { label: 'default', source: '/proj/secrets/pw', where: expect.stringContaining('vault_password_file') },
    ]);
    expect(settings([], { ANSIBLE_VAULT_PASSWORD_FILE: 'env-pw' })[0].source).toBe('/cwd/env-pw');
    expect(settings(['--vault-password-file', 'flag-pw'])[0]).toMatchObject({
      source: '/cwd/flag-pw',
      where: '--vault-password-file',
    });
  });

  it('splits --vault-id into label and source, and adds a prompt for -J', () => {
    expect(
      settings(['--vault-id', 'prod@prompt', '--vault-id', 'plain', '-J', '--vault-password-file', 'f']),
    ).toEqual([
      { label: 'prod', source: 'prompt', where: '--vault-id' },
      { label: 'default', source: '/cwd/plain', where: '--vault-id' },
      { label: 'default', source: '/cwd/f', where: '--vault-password-file' },
      { label: 'default', source: 'prompt', where: '--ask-vault-pass' },
    ]);
  });
});
