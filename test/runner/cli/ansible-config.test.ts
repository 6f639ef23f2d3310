import { describe, expect, it } from 'vitest';
import { findConfigFile, parseAnsibleConfig } from '../../../runner/cli/ansible-config.js';

type FakeStat = { isFile: boolean; isDirectory: boolean; mode: number };

function fakeFs(files: string[], dirs: Record<string, number> = {}): (path: string) => FakeStat | undefined {
  return (path) => {
    if (files.includes(path)) return { isFile: true, isDirectory: false, mode: 0o644 };
    if (path in dirs) return { isFile: false, isDirectory: true, mode: dirs[path] };
    return undefined;
  };
}

describe('ansible.cfg', () => {
  it('parses sections, both separators, comments and inline ; comments', () => {
    const cfg = parseAnsibleConfig(
      [
        '# comment',
        '[defaults]',
        'inventory = ./hosts ; the lab',
        'Forks: 20',
        '; other comment',
        '[privilege_escalation]',
        'become=True',
      ].join('\n'),
      '/p/ansible.cfg',
    );
    expect(cfg.sections).toEqual({
      defaults: { inventory: './hosts', forks: '20' },
      privilege_escalation: { become: 'True' },
    });
  });

  it('joins indented continuation lines to the previous value', () => {
    expect(parseAnsibleConfig('[defaults]\nroles_path = a\n  b\n').sections.defaults.roles_path).toBe('a\nb');
  });

  it('prefers ANSIBLE_CONFIG, then ./ansible.cfg, then ~/.ansible.cfg, then /etc/ansible/ansible.cfg', () => {
    const all = ['/x/custom.cfg', '/work/ansible.cfg', '/home/u/.ansible.cfg', '/etc/ansible/ansible.cfg'];
    const dirs = { '/work': 0o755 };
    const find = (env: Record<string, string>, files: string[]) =>
      findConfigFile({ env, cwd: '/work', home: '/home/u', stat: fakeFs(files, dirs) });
    expect(find({ ANSIBLE_CONFIG: '/x/custom.cfg' }, all)).toBe('/x/custom.cfg');
    expect(find({}, all)).toBe('/work/ansible.cfg');
    expect(find({}, all.slice(2))).toBe('/home/u/.ansible.cfg');
    expect(find({}, all.slice(3))).toBe('/etc/ansible/ansible.cfg');
    expect(find({}, [])).toBeUndefined();
  });

  it('accepts a folder in ANSIBLE_CONFIG that holds ansible.cfg', () => {
    const stat = fakeFs(['/cfgdir/ansible.cfg'], { '/cfgdir': 0o755, '/work': 0o755 });
    expect(findConfigFile({ env: { ANSIBLE_CONFIG: '/cfgdir' }, cwd: '/work', home: '/h', stat })).toBe(
      '/cfgdir/ansible.cfg',
    );
  });

  it('ignores ./ansible.cfg in a world-writable folder, with a warning, like Ansible', () => {
    const warnings: string[] = [];
    const stat = fakeFs(['/tmp/ansible.cfg'], { '/tmp': 0o1777 });
    expect(
      findConfigFile({ env: {}, cwd: '/tmp', home: '/h', stat, warn: (m) => warnings.push(m) }),
    ).toBeUndefined();
    expect(warnings[0]).toContain('world writable directory (/tmp)');
  });
});
