import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setupModule } from '../../modules/setup.js';
import { run } from './support.js';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `ansible localhost -m setup` on this machine: the reference (ansible-core is installed by .ci/run). */
function ansibleSetup(): Record<string, unknown> {
  const out = execFileSync('ansible', ['-i', 'localhost,', '-c', 'local', 'localhost', '-m', 'setup'], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0' },
  });
  return (JSON.parse(out.slice(out.indexOf('{'))) as { ansible_facts: Record<string, unknown> })
    .ansible_facts;
}

describe('setup gathers the facts Ansible gathers', () => {
  test('every top-level fact of Ansible’s setup on this host is gathered natively, with the same JSON type', async () => {
    const theirs = ansibleSetup();
    const mine = (await run(setupModule, {})).ansible_facts as Record<string, unknown>;
    const differences: string[] = [];
    for (const [key, value] of Object.entries(theirs)) {
      if (!(key in mine)) differences.push(`${key}: missing`);
      else if (typeOf(mine[key]) !== typeOf(value))
        differences.push(`${key}: ${typeOf(mine[key])}, Ansible ${typeOf(value)}`);
    }
    for (const key of Object.keys(mine)) if (!(key in theirs)) differences.push(`${key}: not in Ansible's`);
    expect(differences).toEqual([]);
    const stable = [
      'ansible_distribution',
      'ansible_distribution_version',
      'ansible_os_family',
      'ansible_pkg_mgr',
      'ansible_service_mgr',
      'ansible_selinux',
      'ansible_selinux_python_present',
      'ansible_python_version',
      'ansible_architecture',
      'ansible_fqdn',
      'ansible_lsb',
      'ansible_default_ipv4',
      'ansible_virtualization_type',
      'ansible_processor_vcpus',
      'discovered_interpreter_python',
    ];
    const pick = (facts: Record<string, unknown>) => Object.fromEntries(stable.map((k) => [k, facts[k]]));
    expect(pick(mine)).toEqual(pick(theirs));
  }, 60_000);

  test('python facts describe the interpreter Ansible would discover', async () => {
    const facts = (await run(setupModule, {})).ansible_facts as Record<string, unknown>;
    expect(facts.ansible_python).toMatchObject({ type: 'cpython', version: { major: 3 } });
    expect(facts.ansible_python_version).toMatch(/^3\.\d+\.\d+$/);
  });

  test('gather_subset !all keeps only the minimal facts, and network adds interfaces', async () => {
    const minimal = (await run(setupModule, { gather_subset: '!all' })).ansible_facts as Record<
      string,
      unknown
    >;
    expect(minimal).toHaveProperty('ansible_distribution');
    expect(minimal).toHaveProperty('ansible_env');
    expect(minimal).not.toHaveProperty('ansible_interfaces');
    expect(minimal).not.toHaveProperty('ansible_mounts');
    expect(minimal.gather_subset).toEqual(['!all']);
    const network = (await run(setupModule, { gather_subset: ['!all', 'network'] })).ansible_facts as Record<
      string,
      unknown
    >;
    expect(network).toHaveProperty('ansible_interfaces');
    expect(network).not.toHaveProperty('ansible_mounts');
  });

  test('gather_subset !all,!min gathers nothing but the subset itself', async () => {
    const facts = (await run(setupModule, { gather_subset: '!all,!min' })).ansible_facts as Record<
      string,
      unknown
    >;
    expect(Object.keys(facts).filter((k) => k.startsWith('ansible_'))).toEqual([]);
    expect(facts.module_setup).toBe(true);
  });

  test('an unknown gather_subset fails the task with Ansible’s message', async () => {
    const result = await run(setupModule, { gather_subset: 'nonsense' });
    expect(result.failed).toBe(true);
    expect(result.msg).toMatch(
      /^Bad subset 'nonsense' given to Ansible\. gather_subset options allowed: all, /,
    );
  });

  test('filter keeps the facts whose names match a glob, with or without the ansible_ prefix', async () => {
    const facts = (await run(setupModule, { filter: ['*_mb', 'ansible_distribution'] }))
      .ansible_facts as Record<string, unknown>;
    expect(Object.keys(facts).sort()).toEqual([
      'ansible_distribution',
      'ansible_memfree_mb',
      'ansible_memory_mb',
      'ansible_memtotal_mb',
      'ansible_swapfree_mb',
      'ansible_swaptotal_mb',
      'discovered_interpreter_python',
    ]);
  });
});

describe('setup reads local facts from fact_path', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-facts-'));
    writeFileSync(join(dir, 'app.fact'), '{"version": "1.2", "ports": [80, 443]}');
    writeFileSync(join(dir, 'site.fact'), '[general]\nName = web\nrole: front\n');
    writeFileSync(join(dir, 'id.fact'), '#!/bin/sh\necho \'"abc"\'\n');
    chmodSync(join(dir, 'id.fact'), 0o755);
    writeFileSync(join(dir, 'broken.fact'), 'not json and no section');
    writeFileSync(join(dir, 'ignored.txt'), '{}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('JSON files, INI files and executables become ansible_local entries by file name', async () => {
    const result = await run(setupModule, { gather_subset: '!all', fact_path: dir });
    const local = (result.ansible_facts as { ansible_local: Record<string, unknown> }).ansible_local;
    expect(local.app).toEqual({ version: '1.2', ports: [80, 443] });
    expect(local.site).toEqual({ general: { name: 'web', role: 'front' } });
    expect(local.id).toBe('abc');
    expect(local.broken).toBe(
      `error loading facts as JSON or ini - please check content: ${join(dir, 'broken.fact')}`,
    );
    expect(local).not.toHaveProperty('ignored');
    expect(result.warnings).toEqual([local.broken]);
  });

  test('a fact_path that does not exist gives an empty ansible_local', async () => {
    const result = await run(setupModule, { gather_subset: 'local', fact_path: join(dir, 'absent') });
    expect((result.ansible_facts as { ansible_local: unknown }).ansible_local).toEqual({});
  });
});
