import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sourceConstraints } from '../../../dsl/ansible/argument-constraints.js';
import { compilePlaybookValue, InventoryBuilder } from '../../../dsl/index.js';

const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();

function loadErrors(tasks: Array<Record<string, unknown>>): string[] {
  const { issues } = compilePlaybookValue(
    join(tmpdir(), 'inline.yml'),
    [{ hosts: 'all', gather_facts: false, tasks }],
    { inventory },
  );
  return issues.filter((i) => i.severity === 'error').map((i) => i.message);
}

describe('constraints an Ansible module declares in its AnsibleModule(...) call', () => {
  test('are read from the call, as Python literals, but not from the spec of a sub-option', () => {
    const source = `
module = AnsibleModule(
    argument_spec=dict(
        name=dict(type='list'),
        auth=dict(type='dict', options=dict(a=dict(), b=dict()), mutually_exclusive=[['a', 'b']]),
    ),
    mutually_exclusive=[('name', 'requirements'), ['x', 'y']],  # a comment with ] in it
    required_one_of=[['name', 'requirements']],
    required_together=(['question', 'vtype', 'value'],),
    required_if=[['state', 'present', ['gid']], ('jump', 'TEE', ('gateway', 'via'), True)],
    supports_check_mode=True,
)`;
    expect(sourceConstraints(source)).toEqual({
      mutuallyExclusive: [
        ['name', 'requirements'],
        ['x', 'y'],
      ],
      requiredOneOf: [['name', 'requirements']],
      requiredTogether: [['question', 'vtype', 'value']],
      requiredIf: [
        ['state', 'present', ['gid'], false],
        ['jump', 'TEE', ['gateway', 'via'], true],
      ],
    });
    expect(sourceConstraints('x = 1\n')).toEqual({
      mutuallyExclusive: [],
      requiredOneOf: [],
      requiredTogether: [],
      requiredIf: [],
    });
  });

  test("are load errors with Ansible's messages for ansible-core's modules", () => {
    expect(
      loadErrors([
        { pip: { executable: 'pip3' } },
        { debconf: { name: 'tzdata', question: 'q' } },
        { apt_key: { url: 'http://example.com/k', data: 'KEY' } },
        { pip: { name: 'x' } },
      ]),
    ).toEqual([
      'ansible.builtin.pip: one of the following is required: name, requirements',
      'ansible.builtin.debconf: parameters are required together: question, vtype, value',
      'ansible.builtin.apt_key: parameters are mutually exclusive: data|file|keyserver|url',
    ]);
  });

  test('required_if compares the converted value, and a templated one is left to run time', () => {
    expect(loadErrors([{ iptables: { chain: 'INPUT', jump: 'TEE' } }])).toEqual([
      'ansible.builtin.iptables: jump is TEE but all of the following are missing: gateway',
    ]);
    expect(loadErrors([{ iptables: { chain: 'INPUT', jump: '{{ target }}' } }])).toEqual([]);
  });
});
