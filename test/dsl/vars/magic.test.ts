import { describe, expect, test } from 'vitest';
import { InventoryBuilder } from '../../../dsl/index.js';
import { magicVariables } from '../../../dsl/vars/magic.js';

describe('magic variables', () => {
  test('ansible_playbook_python names a Python interpreter and ansible_version is 2.14', () => {
    const builder = new InventoryBuilder();
    builder.addHost('h', 'ungrouped', {});
    const vars = magicVariables({ inventory: builder.build(), host: 'h', playHosts: ['h'], check: false });
    expect(String(vars.ansible_playbook_python)).toMatch(/python/);
    expect(vars.ansible_version).toMatchObject({ major: 2, minor: 14 });
  });
});
