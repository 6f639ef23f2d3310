import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playIn, TOOL_FIXTURES } from './tool-harness.js';

const INVENTORY = join(TOOL_FIXTURES, 'inventory');
const expected = (name: string) => readFileSync(join(TOOL_FIXTURES, 'expected', name), 'utf8');

/** expected/*.txt are ansible-inventory 2.14's output for fixtures/inventory/hosts.ini. */
describe('play inventory', () => {
  it('prints --list byte for byte as ansible-inventory does', async () => {
    const run = await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--list']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected('list.txt'));
    expect(run.code).toBe(0);
  });

  it('prints --host with the variables from the inventory, group_vars and host_vars', async () => {
    const run = await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--host', 'web01']);
    expect(run.stdout).toBe(expected('host-web01.txt'));
    expect(run.code).toBe(0);
  });

  it('prints --graph, from all or from a group, with --vars as ansible-inventory does', async () => {
    expect((await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--graph'])).stdout).toBe(
      expected('graph.txt'),
    );
    expect((await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--graph', 'prod'])).stdout).toBe(
      expected('graph-prod.txt'),
    );
    expect((await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--graph', '--vars'])).stdout).toBe(
      expected('graph-vars.txt'),
    );
  });

  it('exits 5 without an action, with two actions, or with an unknown host', async () => {
    const none = await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini']);
    expect(none.code).toBe(5);
    expect(none.stderr).toContain('No action selected');
    const two = await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--list', '--graph']);
    expect(two.code).toBe(5);
    const unknown = await playIn(INVENTORY, ['inventory', '-i', 'hosts.ini', '--host', 'nope']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('You must pass a single valid host to --host parameter');
  });

  it('warns of a missing inventory source and goes on with the implicit localhost, as Ansible', async () => {
    const run = await playIn(INVENTORY, ['inventory', '-i', 'missing.ini', '--list']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Unable to parse \S*missing\.ini as an inventory source/);
    expect(run.stderr).toContain('No inventory was parsed, only implicit localhost is available');
  });
});
