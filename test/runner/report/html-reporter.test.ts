import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHtmlReporter } from '../../../runner/report/html-reporter.js';
import { bigRunEvents } from '../../support/big-run.js';
import { dumpDom } from '../../support/chromium.js';
import { playIn } from '../cli/commands/tool-harness.js';

/**
 * `--report run.html` from a real run (local connection, one failing host, one unreachable, a handler, a diff),
 * rendered in a real headless Chromium: the DOM after the page's script ran must show the hosts, tasks and
 * failures, and the page records any script error into itself (`data-errors`, `.script-error`).
 */
let work = '';
let dom = '';
let page = '';

const INVENTORY = [
  '[web]',
  'web1 ansible_connection=local',
  'web2 ansible_connection=local',
  '[db]',
  'db1 ansible_connection=local',
  'ghost ansible_host=127.0.0.1 ansible_port=1 ansible_connection=ssh ansible_user=nobody',
  '',
].join('\n');

const PLAYBOOK = `- name: report demo
  hosts: all
  gather_facts: false
  tasks:
    - name: write the config
      copy:
        content: "port={{ inventory_hostname }}\\n"
        dest: "{{ work }}/{{ inventory_hostname }}.conf"
      notify: reload
    - name: fail on db1
      shell: "echo broken-pipe-detail >&2; exit 7"
      when: inventory_hostname == 'db1'
    - name: sleep a little
      command: sleep 0.1
  handlers:
    - name: reload
      command: echo reloaded
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'spindle-report-'));
  mkdirSync(join(work, 'out'));
  writeFileSync(join(work, 'hosts.ini'), INVENTORY);
  writeFileSync(join(work, 'site.yml'), PLAYBOOK);
  const run = await playIn(work, [
    '-i',
    'hosts.ini',
    'site.yml',
    '-e',
    `work=${join(work, 'out')}`,
    '--diff',
    '-T',
    '3',
    '--reporter',
    'plain',
    '--report',
    'run.html',
  ]);
  expect(run.code).toBe(4);
  page = readFileSync(join(work, 'run.html'), 'utf8');
  dom = await dumpDom(join(work, 'run.html'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the HTML run report', () => {
  it('is one self-contained file: no external scripts, styles, images or fetches', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain("default-src 'none'");
  });

  it('renders in Chromium without script errors', () => {
    expect(dom).toContain('data-rendered="yes"');
    expect(dom).toContain('data-errors="0"');
    expect(dom).not.toContain('<div class="script-error"');
  });

  it('shows every host in the recap, with the failed and unreachable ones marked', () => {
    for (const host of ['web1', 'web2', 'db1', 'ghost']) expect(dom).toContain(`data-host="${host}"`);
    expect(dom).toMatch(
      /<tr class="bad" data-host="db1"><td class="">db1<\/td>(<td class="n">\d+<\/td>){3}<td class="n">1<\/td>/,
    );
    expect(dom).toMatch(/<tr class="bad" data-host="ghost">/);
  });

  it('lists the failure with its message, rc and stderr, and the unreachable host with its reason', () => {
    const failures = dom.slice(dom.indexOf('id="failures-body"'), dom.indexOf('id="time"'));
    expect(failures).toContain('fail on db1');
    expect(failures).toContain('non-zero return code');
    expect(failures).toContain('rc=7');
    expect(failures).toContain('broken-pipe-detail');
    expect(failures).toMatch(/ghost[\s\S]*unreachable[\s\S]*ECONNREFUSED/);
  });

  it('shows the tasks, the handler, the diff of what changed, and where the time went', () => {
    const tasks = dom.slice(dom.indexOf('id="tasks-body"'));
    for (const task of ['write the config', 'fail on db1', 'sleep a little', 'reload (handler)'])
      expect(tasks).toContain(task);
    const changes = dom.slice(dom.indexOf('id="changes-body"'), dom.indexOf('id="timeline"'));
    expect(changes).toContain('<span class="diff-add">+port=web1');
    expect(dom.slice(dom.indexOf('id="slow-tasks"'), dom.indexOf('id="changes"'))).toContain(
      'write the config',
    );
    expect(dom).toMatch(/4 of 4 hosts · \d+ results/);
  });
});

describe('the HTML report at scale', () => {
  it('renders 200 hosts × 100 tasks in Chromium, without script errors, in a few MB', async () => {
    const file = join(work, 'big.html');
    const reporter = createHtmlReporter({ file });
    for (const event of bigRunEvents(200, 100)) reporter.handle(event);
    await reporter.close();
    expect(statSync(file).size).toBeLessThan(8 * 1024 * 1024);
    const big = await dumpDom(file);
    expect(big).toContain('data-rendered="yes"');
    expect(big).toContain('data-errors="0"');
    expect(big).toContain('200 of 200 hosts · 20000 results');
    expect(big).toContain('data-host="host-199.example.com"');
    expect(big).toContain('boom on host-000.example.com');
    expect(big).toContain('task number 99 (handler)');
  }, 120_000);
});
