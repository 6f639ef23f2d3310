import { describe, expect, test } from 'vitest';
import { parseRunme } from './runme.js';

describe('reading a runme.sh as playbook runs', () => {
  test('simple invocations keep their arguments, env prefixes and exported variables', () => {
    const plan = parseRunme(
      [
        '#!/usr/bin/env bash',
        'set -eux',
        'export ANSIBLE_ROLES_PATH=../',
        'ANSIBLE_STRATEGY=free ansible-playbook test.yml -i ../../inventory -v "$@"',
        'ansible-playbook -i "$' + '{INVENTORY_PATH}" other.yml -e x=1 \\',
        '  --tags a | tee out.txt',
        'grep -q done out.txt',
        'ansible-playbook fail.yml -i inv && exit 1 || true',
      ].join('\n'),
      { INVENTORY_PATH: '/inv' },
    );
    expect(plan).toEqual({
      ok: true,
      invocations: [
        {
          args: ['test.yml', '-i', '../../inventory', '-v'],
          env: { ANSIBLE_ROLES_PATH: '../', ANSIBLE_STRATEGY: 'free' },
          tolerated: false,
          line: 4,
        },
        {
          args: ['-i', '/inv', 'other.yml', '-e', 'x=1', '--tags', 'a'],
          env: { ANSIBLE_ROLES_PATH: '../' },
          tolerated: false,
          line: 5,
        },
        { args: ['fail.yml', '-i', 'inv'], env: { ANSIBLE_ROLES_PATH: '../' }, tolerated: true, line: 8 },
      ],
    });
  });

  test('a for loop over literal words is unrolled with its variable set', () => {
    const plan = parseRunme('for t in a b; do\n  ansible-playbook "$t.yml" "$@"\ndone\n', {});
    expect(plan.ok && plan.invocations.map((i) => i.args)).toEqual([['a.yml'], ['b.yml']]);
  });

  test('a playbook run inside a command substitution is compared; one in an if is unsupported', () => {
    const plan = parseRunme('[ "$(ansible-playbook x.yml -i inv "$@" | grep ok)" = 1 ]\n', {});
    expect(plan.ok && plan.invocations.map((i) => i.args)).toEqual([['x.yml', '-i', 'inv']]);
    const looped = parseRunme('for t in a b; do\n  out="$(ansible-playbook $t.yml)"\ndone\n', {});
    expect(looped.ok && looped.invocations.map((i) => i.args)).toEqual([['a.yml'], ['b.yml']]);
    expect(parseRunme('if ansible-playbook x.yml; then\n  echo\nfi\n', {}).ok).toBe(false);
  });
});
