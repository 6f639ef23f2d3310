import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expandHostRange, loadInventory } from '../../../dsl/inventory/index.js';
import { MAX_HOST_RANGE } from '../../../dsl/inventory/ini.js';

describe('inventory host ranges are bounded', () => {
  test('a range of more than 100,000 hosts is refused, counting nested ranges together', () => {
    expect(() => expandHostRange('h[0:9999999]')).toThrow(/makes 10000000 hosts, over the limit of 100000/);
    expect(() => expandHostRange('h[0:999]-[0:999]')).toThrow(/makes 1000000 hosts/);
    expect(expandHostRange(`h[1:${MAX_HOST_RANGE}]`)).toHaveLength(MAX_HOST_RANGE);
  });

  test('a step of 0 is an error, not an endless loop', () => {
    expect(() => expandHostRange('h[1:9:0]')).toThrow(/step must be 1 or more/);
  });

  test('an INI inventory with a huge range names the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spindle-range-'));
    try {
      writeFileSync(join(dir, 'hosts.ini'), '[web]\nok1\nh[0:9999999] ansible_connection=local\n');
      const { issues } = loadInventory([join(dir, 'hosts.ini')]);
      expect(issues).toEqual([
        expect.objectContaining({ severity: 'error', file: join(dir, 'hosts.ini'), line: 3 }),
      ]);
      expect(issues[0].message).toMatch(/over the limit of 100000/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('100,000 hosts in one group load with each host once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spindle-range-'));
    try {
      writeFileSync(join(dir, 'hosts.ini'), '[web]\nh[1:100000]\nh[1:10]\n');
      const { inventory, issues } = loadInventory([join(dir, 'hosts.ini')]);
      expect(issues).toEqual([]);
      expect(inventory.groups.get('web')?.hosts).toHaveLength(100_000);
      expect(inventory.selectHosts('all')).toHaveLength(100_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
