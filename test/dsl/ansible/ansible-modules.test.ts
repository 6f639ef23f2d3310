import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { moduleDocumentation } from '../../../dsl/ansible/documentation.js';
import { knownAnsibleModule } from '../../../dsl/ansible/known-names.js';
import { resolveAnsibleModule } from '../../../dsl/ansible/resolve.js';
import { checkAnsibleArguments } from '../../../dsl/ansible/validate.js';
import type { TaskNode } from '../../../dsl/graph.js';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'ansible');

function compile(file: string) {
  const builder = new InventoryBuilder();
  builder.addHost('target', 'all', {});
  return compilePlaybook(join(fixtures, file), { inventory: builder.build() });
}

afterEach(() => {
  delete process.env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH;
  delete process.env.ANSIBLE_COLLECTIONS_PATH;
});

describe('finding Ansible modules on the controller', () => {
  test('a short name follows ansible.builtin redirects to the collection module', () => {
    const ref = resolveAnsibleModule('ini_file', fixtures);
    expect(ref?.fqcn).toBe('community.general.ini_file');
    expect(ref?.source).toMatch(/ansible_collections\/community\/general\/plugins\/modules\/ini_file\.py$/);
  });

  test('ansible-core modules resolve by short name and FQCN', () => {
    expect(resolveAnsibleModule('getent', fixtures)?.source).toMatch(/ansible\/modules\/getent\.py$/);
    expect(resolveAnsibleModule('ansible.builtin.pip', fixtures)?.fqcn).toBe('ansible.builtin.pip');
  });

  test("a role's library/ module is found, with the role's module_utils/", () => {
    const ref = resolveAnsibleModule('greet', fixtures, join(fixtures, 'roles', 'greeter'));
    expect(ref?.source).toBe(join(fixtures, 'roles', 'greeter', 'library', 'greet.py'));
    expect(ref?.moduleUtilsDirs).toEqual([
      join(fixtures, 'roles', 'greeter', 'library', '..', 'module_utils'),
    ]);
  });

  test('a name Ansible does not know does not resolve', () => {
    expect(resolveAnsibleModule('community.general.ini_fil', fixtures)).toBeUndefined();
    expect(knownAnsibleModule('no_such_module_anywhere')).toBeUndefined();
  });

  test('a known module whose collection is not installed resolves without a source', () => {
    process.env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH = 'false';
    process.env.ANSIBLE_COLLECTIONS_PATH = join(fixtures, 'no-collections-here');
    const ref = resolveAnsibleModule('community.mysql.mysql_db', fixtures);
    expect(ref).toEqual({
      fqcn: 'community.mysql.mysql_db',
      collection: 'community.mysql',
      moduleUtilsDirs: [],
    });
  });
});

describe('DOCUMENTATION-based argument checks', () => {
  test('doc fragments add their options (files: mode, owner…)', () => {
    const doc = moduleDocumentation(resolveAnsibleModule('community.general.ini_file', fixtures)!, fixtures)!;
    expect(doc.complete).toBe(true);
    expect(Object.keys(doc.options)).toEqual(expect.arrayContaining(['path', 'section', 'mode', 'owner']));
    expect(doc.options.path.aliases).toContain('dest');
  });

  test('types, choices, required options and unknown names are checked; templated values are not', () => {
    const doc = moduleDocumentation(resolveAnsibleModule('ansible.builtin.pip', fixtures)!, fixtures)!;
    const problems = checkAnsibleArguments(
      'ansible.builtin.pip',
      doc,
      { name: '{{ x }}', state: 'bogus', editable: 'maybe', umask: [1], extra: 1 },
      new Set(['name']),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Expected `state` of module `ansible.builtin.pip` to be one of "absent", "forcereinstall", "latest", "present", got "bogus"',
      'Expected `editable` to be a boolean, got "maybe"',
      'Expected `umask` to be a string, got [1]',
      'unknown argument `extra` for module `ansible.builtin.pip`',
    ]);
  });

  test('bad arguments are load errors naming file:line:column, like built-in modules', () => {
    const { issues } = compile('bad-args.yml');
    const errors = issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.line}:${i.column} ${i.message}`);
    expect(errors).toEqual([
      '7:9 unknown argument `stat` for module `community.general.ini_file` (did you mean `state`?)',
      '10:9 Expected `state` of module `ansible.posix.sysctl` to be one of "present", "absent", got "bogus"',
      '11:7 `path` is required by module `ansible.posix.mount`',
      '11:7 `state` is required by module `ansible.posix.mount`',
      '16:9 Expected `editable` to be a boolean, got "maybe"',
      '17:7 unknown keyword or module `community.general.ini_fil` (did you mean `community.general.ini_file`?)',
    ]);
  });

  test('a known module that is not installed loads with one warning per name, naming the collection', () => {
    process.env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH = 'false';
    process.env.ANSIBLE_COLLECTIONS_PATH = join(fixtures, 'no-collections-here');
    const { issues } = compile('not-installed.yml');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.message)).toEqual([
      '`community.general.ini_file` is a module of the community.general collection, which is not installed on the controller (ansible-galaxy collection install community.general)',
      '`community.mysql.mysql_db` is a module of the community.mysql collection, which is not installed on the controller (ansible-galaxy collection install community.mysql)',
    ]);
  });

  test('the compiler resolves an Ansible module once: kind `ansible`, its source on the task, the title as written', () => {
    const { graph, issues } = compile('modules.yml');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const tasks = graph!.plays[0]!.sections.flatMap((s) => s.nodes) as TaskNode[];
    const ini = tasks.find((t) => t.name.startsWith('ini_file, by its short name'))!;
    expect(ini.resolved).toMatchObject({
      name: 'community.general.ini_file',
      kind: 'ansible',
      runsOn: 'remote',
    });
    expect(ini.resolved.ansible?.source).toBe(ini.resolved.file);
    expect(ini.resolved.file).toMatch(/community\/general\/plugins\/modules\/ini_file\.py$/);
    const getent = tasks.find((t) => t.module === 'ansible.builtin.getent')!;
    expect(getent.name).toBe('getent');
    expect(getent.resolved.kind).toBe('ansible');
  });
});
