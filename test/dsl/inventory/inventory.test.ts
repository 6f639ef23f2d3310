import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { playbookPython } from '../../../dsl/inventory/controller-python.js';
import { connectionSettings, expandHostRange, loadInventory } from '../../../dsl/inventory/index.js';
import { parseExtraVars } from '../../../dsl/vars/extra-vars.js';
import { hostInventoryLayers, mergeLayers } from '../../../dsl/vars/layers.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'inventories');

describe('inventories', () => {
  test("the implicit localhost runs Ansible's modules with the controller's Python, as Ansible's implicit localhost", () => {
    const none = loadInventory([]).inventory;
    expect(none.hosts.get('localhost')?.vars).toEqual({
      ansible_connection: 'local',
      ansible_python_interpreter: playbookPython(),
    });
    const other = loadInventory([join(dir, 'hosts.ini')]).inventory;
    expect(other.selectHosts('localhost')).toEqual(['localhost']);
    expect(other.hosts.get('localhost')?.vars.ansible_python_interpreter).toBe(playbookPython());
  });

  test("the implicit localhost is reached at 127.0.0.1, Ansible's address for it; a listed localhost by its name", () => {
    const none = loadInventory([]).inventory;
    expect(none.hosts.get('localhost')?.address).toBe('127.0.0.1');
    expect(connectionSettings('localhost', {}, '127.0.0.1').host).toBe('127.0.0.1');
    expect(connectionSettings('localhost', { ansible_host: '::1' }, '127.0.0.1').host).toBe('::1');
    const other = loadInventory([join(dir, 'hosts.ini')]).inventory;
    other.selectHosts('localhost');
    expect(other.hosts.get('localhost')?.address).toBe('127.0.0.1');
    const listed = loadInventory(['localhost,']).inventory;
    expect(listed.hosts.get('localhost')?.address).toBeUndefined();
  });

  test('an INI inventory gives groups, ranges, ports, and values read as Python literals like Ansible (yes stays a string)', () => {
    const { inventory, issues } = loadInventory([join(dir, 'hosts.ini')]);
    expect(issues).toEqual([]);
    expect([...inventory.hosts.keys()]).toEqual(['solo', 'web01', 'web02', 'web03', 'db.example.com']);
    expect(inventory.hosts.get('web02')!.vars).toEqual({ http_port: 8080, enabled: 'yes' });
    expect(inventory.hosts.get('db.example.com')!.vars).toEqual({ ansible_port: 2222 });
    expect(inventory.groups.get('prod')!.vars).toEqual({ env: 'production', port: 5432 });
    expect(inventory.groupNames('web01')).toEqual(['prod', 'web']);
    expect(inventory.selectHosts('ungrouped')).toEqual(['solo']);
  });

  test('host patterns support unions, intersections, exclusions, globs, regexes and indexes', () => {
    const { inventory } = loadInventory([join(dir, 'hosts.ini')]);
    expect(inventory.selectHosts('web:&prod:!web02')).toEqual(['web01', 'web03', 'db.example.com']);
    expect(inventory.selectHosts('web0*')).toEqual(['web01', 'web02', 'web03']);
    expect(inventory.selectHosts('~^db')).toEqual(['db.example.com']);
    expect(inventory.selectHosts('web[0:1]')).toEqual(['web01', 'web02']);
    expect(inventory.selectHosts('solo,web03')).toEqual(['solo', 'web03']);
    expect(inventory.selectHosts('all')).toHaveLength(5);
  });

  test('a YAML inventory nests groups and merges vars by depth', () => {
    const { inventory, issues } = loadInventory([join(dir, 'hosts.yml')]);
    expect(issues).toEqual([]);
    expect(inventory.selectHosts('all')).toEqual(['web1', 'web2', 'db1']);
    const vars = mergeLayers(hostInventoryLayers(inventory, 'db1'));
    expect(vars).toEqual({ ntp: 'pool.ntp.org', role: 'primary' });
    expect(connectionSettings('web1', mergeLayers(hostInventoryLayers(inventory, 'web1')))).toMatchObject({
      method: 'ssh',
      host: 'web1',
      port: 2201,
    });
  });

  test('no inventory means localhost over the local connection, and lists work like -i a,b,', () => {
    const { inventory } = loadInventory([]);
    expect(inventory.selectHosts('all')).toEqual(['localhost']);
    expect(connectionSettings('localhost', inventory.hosts.get('localhost')!.vars).method).toBe('local');
    expect(loadInventory(['a.example,b.example:2200,']).inventory.selectHosts('all')).toEqual([
      'a.example',
      'b.example',
    ]);
  });

  test('broken INI lines are reported with file, line and column', () => {
    const { issues } = loadInventory([join(dir, 'broken.ini')]);
    expect(issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '2:1 invalid section header `[web`: expected [group], [group:vars] or [group:children]',
      '3:1 expected key=value, got `b`',
    ]);
  });

  test('host ranges expand numbers with padding and letters', () => {
    expect(expandHostRange('web[08:10].x')).toEqual(['web08.x', 'web09.x', 'web10.x']);
    expect(expandHostRange('db-[a:c]')).toEqual(['db-a', 'db-b', 'db-c']);
    expect(() => expandHostRange('x[5:1]')).toThrow(/empty/);
  });

  test('extra vars accept k=v, JSON and quoted values', () => {
    expect(parseExtraVars(['version=1.2 name="a b"', '{"n": 3}'], '/')).toEqual({
      version: '1.2',
      name: 'a b',
      n: 3,
    });
  });

  test("a k=v extra var keeps a {{ }} with spaces as one value and decodes escapes, as Ansible's parse_kv", () => {
    expect(parseExtraVars(['py={{ ansible_playbook_python }} z=c\\nd'], '/')).toEqual({
      py: '{{ ansible_playbook_python }}',
      z: 'c\nd',
    });
    expect(() => parseExtraVars(['lonely'], '/')).toThrow('expected key=value, got `lonely`');
  });
});
