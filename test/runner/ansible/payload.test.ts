import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveAnsibleModule } from '../../../dsl/ansible/resolve.js';
import { moduleJson } from '../../../modules/python/ansible-module.js';
import { ansibleResult } from '../../../runner/ansible/ansible-args.js';
import { buildPayload, importedNames } from '../../../runner/ansible/payload.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'playbooks', 'ansible');

describe('the payload of an Ansible module', () => {
  test('imports are read by name, relative ones against the module package', () => {
    const source = [
      'from ansible.module_utils.basic import AnsibleModule',
      'from ansible.module_utils.common.text.converters import (',
      '    to_native, to_text as text,',
      ')',
      'import ansible.module_utils.six as six, os',
      '    from ..module_utils.mount import ismount',
    ].join('\n');
    expect(importedNames(source, 'ansible_collections.ansible.posix.plugins.modules')).toEqual([
      ['ansible.module_utils.basic', 'AnsibleModule'],
      ['ansible.module_utils.common.text.converters', 'to_native', 'to_text'],
      ['ansible_collections.ansible.posix.plugins.module_utils.mount', 'ismount'],
      ['ansible.module_utils.six'],
      ['os'],
    ]);
  });

  test('module_utils are collected recursively with their parent packages, and the hash follows the content', () => {
    const mount = buildPayload(resolveAnsibleModule('ansible.posix.mount', fixtures)!, fixtures);
    expect(Object.keys(mount.modules)).toEqual(
      expect.arrayContaining([
        'ansible',
        'ansible.module_utils',
        'ansible.module_utils.basic',
        'ansible.module_utils.common.text.converters',
        'ansible.module_utils.six',
        'ansible_collections.ansible.posix.plugins.module_utils.mount',
      ]),
    );
    expect(mount.modules.ansible).toEqual(['', true]);
    expect(mount.hash).toMatch(/^[0-9a-f]{64}$/);
    const greet = buildPayload(
      resolveAnsibleModule('greet', fixtures, join(fixtures, 'roles', 'greeter'))!,
      fixtures,
    );
    expect(greet.modules['ansible.module_utils.greeting'][0]).toContain('def greet');
    expect(greet.hash).not.toBe(mount.hash);
  });
});

describe("a module's output", () => {
  test('the JSON object is found between noise lines, as Ansible filters it', () => {
    expect(moduleJson('warming up\n{"changed": true,\n "msg": "x"}\ntrailing')).toEqual({
      changed: true,
      msg: 'x',
    });
    expect(moduleJson('Traceback: boom')).toBeUndefined();
  });

  test("internal keys are dropped and Ansible's diff is kept as the module returned it", () => {
    expect(
      ansibleResult({
        changed: true,
        _ansible_no_log: false,
        _spindle_python: '/usr/bin/python3',
        diff: {
          before: 'a\n',
          after: 'b\n',
          before_header: '/etc/x (content)',
          after_header: '/etc/x (content)',
        },
      }),
    ).toEqual({
      changed: true,
      diff: {
        before: 'a\n',
        after: 'b\n',
        before_header: '/etc/x (content)',
        after_header: '/etc/x (content)',
      },
    });
    expect(ansibleResult({ msg: 'ok' })).toEqual({ msg: 'ok', changed: false });
  });
});
