import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import type { VaultSecrets } from '../../../dsl/vault/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';
import { encryptForTest } from '../../dsl/vault/encrypt.js';

/** Fixtures made with `ansible-vault` (ansible-core 2.14) and this password. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/vault');
const PASSWORD = 'spindle-test-pw';
const RIGHT: VaultSecrets = [{ label: 'default', password: PASSWORD }];
let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A playbook folder using vault everywhere: inline `!vault`, vars_files, group_vars, include_vars, copy/template src. */
function vaultedProject(): string {
  work = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
  const dir = join(work, 'project');
  mkdirSync(join(dir, 'group_vars'), { recursive: true });
  mkdirSync(join(dir, 'files'));
  mkdirSync(join(dir, 'templates'));
  copyFileSync(join(FIXTURES, 'secrets.yml'), join(dir, 'secrets.yml'));
  copyFileSync(join(FIXTURES, 'encrypted-src.txt'), join(dir, 'files', 'encrypted-src.txt'));
  writeFileSync(
    join(dir, 'group_vars', 'all.yml'),
    encryptForTest('group_secret: from-group-vars\n', PASSWORD),
  );
  writeFileSync(join(dir, 'more.yml'), encryptForTest('included_secret: from-include-vars\n', PASSWORD));
  writeFileSync(join(dir, 'templates', 'app.conf.j2'), encryptForTest('port={{ app_port }}\n', PASSWORD));
  const inline = readFileSync(join(FIXTURES, 'inline.yml'), 'utf8').replace(/^/gm, '    ').trimEnd();
  writeFileSync(
    join(dir, 'site.yml'),
    `- hosts: all
  gather_facts: false
  vars_files: [secrets.yml]
  vars:
${inline}
  tasks:
    - name: token
      copy: { content: "{{ api_token }}", dest: "{{ work }}/token.txt" }
    - include_vars: more.yml
    - name: combined
      copy: { content: "{{ db_password }} {{ group_secret }} {{ included_secret }}", dest: "{{ work }}/all.txt" }
    - copy: { src: encrypted-src.txt, dest: "{{ work }}/copied.txt" }
    - template: { src: app.conf.j2, dest: "{{ work }}/app.conf" }
    - name: shout
      debug: { msg: "token is {{ api_token }}" }
`,
  );
  return join(dir, 'site.yml');
}

async function run(playbook: string, vault?: VaultSecrets) {
  const builder = new InventoryBuilder();
  builder.addHost('alpha', 'ungrouped', { ansible_connection: 'local' });
  const inventory = builder.build();
  const { graph, issues } = compilePlaybook(playbook, { inventory, vault });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { issues: errors, events: [] as RunEvent[], exitCode: 4 };
  const events: RunEvent[] = [];
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: { work },
    check: false,
    diff: false,
    verbosity: 1,
    vault,
    emit: (e) => events.push(e),
  });
  return { issues: errors, events, exitCode: outcome.exitCode };
}

const results = (events: RunEvent[]) =>
  events.filter((e): e is Extract<RunEvent, { kind: 'task:result' }> => e.kind === 'task:result');

describe('vaulted data in playbooks', () => {
  test('inline, vars_files, group_vars, include_vars and copy/template sources are decrypted with the password', async () => {
    const { issues, events, exitCode } = await run(vaultedProject(), RIGHT);
    expect(renderIssues(issues)).toBe('');
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'token.txt'), 'utf8')).toBe('inline-secret-value');
    expect(readFileSync(join(work, 'all.txt'), 'utf8')).toBe(
      's3cr3t-from-file from-group-vars from-include-vars',
    );
    expect(readFileSync(join(work, 'copied.txt'), 'utf8')).toBe('hello from an encrypted file\n');
    expect(readFileSync(join(work, 'app.conf'), 'utf8')).toBe('port=8080\n');
    const shout = results(events).find((e) => e.task === 'shout');
    expect(shout?.result.msg).toBe('token is <vaulted>');
    expect(JSON.stringify(events)).not.toContain('inline-secret-value');
  });

  test('a wrong password names the encrypted vars file before anything runs', async () => {
    const { issues, events } = await run(vaultedProject(), [{ label: 'default', password: 'wrong' }]);
    expect(events).toEqual([]);
    expect(issues.map((i) => [i.code, i.file?.endsWith('/secrets.yml'), i.line])).toEqual([
      ['vault', true, 1],
    ]);
    expect(issues[0].message).toMatch(
      /^Decryption failed \(no vault secrets were found that could decrypt\) in \/.*\/secrets\.yml$/,
    );
  });

  test('an inline value with a wrong or missing password fails its task with file:line:col', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
    const inline = readFileSync(join(FIXTURES, 'inline.yml'), 'utf8').replace(/^/gm, '    ').trimEnd();
    const playbook = join(work, 'inline.yml');
    writeFileSync(
      playbook,
      `- hosts: all\n  gather_facts: false\n  vars:\n${inline}\n  tasks:\n    - name: use it\n      copy: { content: "{{ api_token }}", dest: "{{ work }}/t" }\n`,
    );
    for (const [vault, message] of [
      [
        [{ label: 'default', password: 'wrong' }],
        'Decryption failed (no vault secrets were found that could decrypt)',
      ],
      [undefined, 'Attempting to decrypt but no vault secrets found'],
    ] as const) {
      const { events, exitCode } = await run(playbook, vault);
      expect(exitCode).toBe(2);
      const failed = results(events).find((e) => e.task === 'use it');
      expect(failed?.status).toBe('failed');
      expect(failed?.msg).toContain(message);
      expect(failed?.msg).toContain(`in ${playbook}:4:23`);
    }
  });

  test('a vaulted variable that no task uses needs no password', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
    const inline = readFileSync(join(FIXTURES, 'inline.yml'), 'utf8').replace(/^/gm, '    ').trimEnd();
    const playbook = join(work, 'unused.yml');
    writeFileSync(
      playbook,
      `- hosts: all\n  gather_facts: false\n  vars:\n${inline}\n  tasks:\n    - copy: { content: plain, dest: "{{ work }}/p" }\n`,
    );
    const { exitCode } = await run(playbook);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 'p'), 'utf8')).toBe('plain');
  });

  test('set_fact keeps an inline vaulted value encrypted, and its uses decrypt it', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
    const inline = readFileSync(join(FIXTURES, 'inline.yml'), 'utf8').replace(/^/gm, '        ').trimEnd();
    const playbook = join(work, 'fact.yml');
    writeFileSync(
      playbook,
      `- hosts: all\n  gather_facts: false\n  tasks:\n    - set_fact:\n${inline}\n    - set_fact: { copied: "{{ api_token }}" }\n` +
        '    - assert: { that: [api_token is vault_encrypted, copied is not vault_encrypted, api_token == copied] }\n' +
        '    - copy: { content: "{{ api_token }}", dest: "{{ work }}/t" }\n',
    );
    const { exitCode } = await run(playbook, RIGHT);
    expect(exitCode).toBe(0);
    expect(readFileSync(join(work, 't'), 'utf8')).toBe('inline-secret-value');
  });

  test('a playbook without vaulted data needs no password', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-vault-'));
    const playbook = join(work, 'plain.yml');
    writeFileSync(playbook, '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: plain }\n');
    expect((await run(playbook)).exitCode).toBe(0);
  });
});
