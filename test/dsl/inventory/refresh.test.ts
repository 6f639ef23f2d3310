import { describe, expect, test } from 'vitest';
import { InventoryBuilder } from '../../../dsl/index.js';

/** An inventory of the given hosts, each in the group named by its parity. */
function inventoryOf(hosts: Record<string, 'odd' | 'even'>) {
  const builder = new InventoryBuilder();
  for (const [name, parity] of Object.entries(hosts)) builder.addHost(name, parity, { parity });
  return builder.build();
}

describe('refreshing an inventory (meta: refresh_inventory)', () => {
  test('takes the hosts the sources now list: a host that left is gone, a new one is there', () => {
    const inventory = inventoryOf({ one: 'odd', two: 'even' });
    inventory.refresh(inventoryOf({ two: 'even', four: 'even' }));
    expect(inventory.selectHosts('all')).toEqual(['two', 'four']);
    expect(inventory.selectHosts('odd')).toEqual([]);
    expect(inventory.hosts.has('one')).toBe(false);
    expect(inventory.hosts.get('four')?.vars).toEqual({ parity: 'even' });
  });

  test('keeps what add_host and group_by added while the playbook ran', () => {
    const inventory = inventoryOf({ one: 'odd', two: 'even' });
    inventory.addDynamicHost('yolo', ['added'], { answer: 42 });
    inventory.addDynamicGroup('two', 'web', ['all']);
    inventory.refresh(inventoryOf({ two: 'even', three: 'odd' }));
    expect(inventory.selectHosts('all')).toEqual(['two', 'three', 'yolo']);
    expect(inventory.selectHosts('added')).toEqual(['yolo']);
    expect(inventory.hosts.get('yolo')?.vars).toEqual({ answer: 42 });
    expect(inventory.selectHosts('web')).toEqual(['two']);
    expect(inventory.groupNames('two')).toEqual(['even', 'web']);
  });
});
