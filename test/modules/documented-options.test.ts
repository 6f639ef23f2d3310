import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../dsl/index.js';
import { findModule } from '../../modules/find.js';
import { groupModule } from '../../modules/group.js';
import { includeVarsModule } from '../../modules/include_vars.js';
import { serviceCommands, serviceModule } from '../../modules/service.js';
import { userModule } from '../../modules/user.js';
import { run } from './support.js';

const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spindle-documented-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadIssues(tasks: Array<Record<string, unknown>>): string[] {
  const { issues } = compilePlaybookValue(
    join(dir, 'inline.yml'),
    [{ hosts: 'all', gather_facts: false, tasks }],
    {
      inventory,
    },
  );
  return issues.filter((i) => i.severity === 'error').map((i) => i.message);
}

describe('options and aliases Ansible documents', () => {
  test('Ansible-era spellings load: systemd with only daemon_reload, unarchive copy, user createhome, apt aliases', () => {
    expect(
      loadIssues([
        { 'ansible.builtin.systemd': { daemon_reload: true } },
        { systemd_service: { 'daemon-reload': true, unit: 'nginx', state: 'restarted', no_block: true } },
        { unarchive: { src: '/tmp/a.tgz', dest: '/opt', copy: false } },
        { user: { name: 'bob', createhome: false, update_password: 'on_create', expires: 1700000000 } },
        {
          apt: {
            name: 'nginx',
            'install-recommends': false,
            default_release: 'bookworm',
            allow_downgrade: true,
          },
        },
        { group: { name: 'g', gid: 0, non_unique: true } },
        { find: { path: '/tmp', pattern: '*.log', read_whole_file: true } },
        { template: { src: 'a.j2', dest: '/tmp/a', trim_blocks: true } },
        { include_vars: { dir: 'vars', depth: 1, ignore_files: ['x.yml'] } },
      ]),
    ).toEqual([]);
    expect(loadIssues([{ service: { state: 'started' } }]).join('\n')).toMatch(/`name` is required when/);
  });

  test('daemon_reload alone plans only the reload and needs no service name', () => {
    const a = serviceModule.args.parse({ daemon_reload: true });
    expect(serviceCommands(a, { manager: 'systemd', running: false, enabled: false })).toEqual([
      ['systemctl', 'daemon-reload'],
    ]);
  });

  test('an option the native module does not implement fails the task naming it, its default does not', async () => {
    const failed = await run(userModule, { name: 'nobody', generate_ssh_key: true });
    expect(failed).toMatchObject({ failed: true });
    expect(failed.msg).toMatch(/option `generate_ssh_key` is not supported/);
    const fine = await run(userModule, { name: 'nobody', generate_ssh_key: 'no' }, { check: true });
    expect(fine.failed).toBeUndefined();
  });

  test('user plans expires, update_password and password_lock like Ansible', () => {
    const state = { exists: true, uid: 1000, groups: [], password: '$6$old', expireDays: undefined };
    const plan = (a: Record<string, unknown>) =>
      userModule.plan(userModule.args.parse({ name: 'bob', ...a }), state, { check: false, diff: false })
        .steps;
    expect(plan({ expires: 1704067200 })).toEqual([['usermod', '--expiredate', '2024-01-01', 'bob']]);
    expect(plan({ password: '$6$new', update_password: 'on_create' })).toEqual([]);
    expect(plan({ password: '$6$new' })).toEqual([['usermod', '--password', '$6$new', 'bob']]);
    expect(plan({ password_lock: true })).toEqual([['usermod', '--lock', 'bob']]);
  });

  test('group non_unique creates a second group with a taken gid', async () => {
    execFileSync('groupadd', ['--gid', '45123', 'spindledupa']);
    try {
      const result = await run(groupModule, { name: 'spindledupg', gid: 45123, non_unique: true });
      expect(result.changed).toBe(true);
      const entry = execFileSync('getent', ['group', 'spindledupg'], { encoding: 'utf8' });
      expect(entry).toMatch(/^spindledupg:x:45123:/);
    } finally {
      execFileSync('sh', ['-c', 'groupdel spindledupg; groupdel spindledupa; true']);
    }
  });

  test('find matches contains per line from its start, or anywhere across lines with read_whole_file', async () => {
    writeFileSync(join(dir, 'a.txt'), 'first line\nsecond line\n');
    const per = await run(findModule, { paths: dir, patterns: '*.txt', contains: 'line' });
    expect(per.matched).toBe(0);
    const whole = await run(findModule, {
      paths: dir,
      patterns: '*.txt',
      contains: 'first.*\\nsecond',
      read_whole_file: true,
    });
    expect(whole.matched).toBe(1);
  });

  test('include_vars walks dir to depth, skips ignore_files and fails on unknown extensions unless told', async () => {
    const vars = join(dir, 'vars');
    mkdirSync(join(vars, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(vars, 'a.yml'), 'a: 1\n');
    writeFileSync(join(vars, 'skip.yml'), 'skip: 1\n');
    writeFileSync(join(vars, 'sub', 'b.yml'), 'b: 2\n');
    writeFileSync(join(vars, 'sub', 'deeper', 'c.yml'), 'c: 3\n');
    const shallow = await run(includeVarsModule, { dir: vars, depth: 2, ignore_files: ['skip.yml'] });
    expect(shallow.ansible_facts).toEqual({ a: 1, b: 2 });
    writeFileSync(join(vars, 'notes.txt'), 'x');
    const unknown = await run(includeVarsModule, { dir: vars });
    // Ansible's include_vars says it in `message`, with its list of extensions.
    expect(unknown.message).toMatch(/notes.txt does not have a valid extension: yaml, yml, json$/);
    expect(unknown).toMatchObject({ failed: true, ansible_facts: {}, ansible_included_var_files: [] });
    const all = await run(includeVarsModule, { dir: vars, ignore_unknown_extensions: true });
    expect(all.ansible_facts).toEqual({ a: 1, b: 2, c: 3, skip: 1 });
  });
});
