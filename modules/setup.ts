import { readFileSync } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { defineModule } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { systemFacts } from './facts/system-facts.js';

/** Options Ansible documents that this module does not implement (docs/modules), with "not used" values. */
const UNSUPPORTED = { fact_path: '/etc/ansible/facts.d', gather_timeout: 10 } as const;
const args = z
  .object({
    gather_subset: z.union([z.string(), z.array(z.string())]).optional(),
    filter: z.union([z.string(), z.array(z.string())]).optional(),
    ...unsupportedOptions(UNSUPPORTED),
  })
  .strict();

function osRelease(): Record<string, string> {
  try {
    return Object.fromEntries(
      readFileSync('/etc/os-release', 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"|"$/g, '')]),
    );
  } catch {
    return {};
  }
}

const FAMILIES: Record<string, string> = {
  debian: 'Debian',
  ubuntu: 'Debian',
  rhel: 'RedHat',
  centos: 'RedHat',
  fedora: 'RedHat',
  rocky: 'RedHat',
  almalinux: 'RedHat',
  alpine: 'Alpine',
  arch: 'Archlinux',
  suse: 'Suse',
  opensuse: 'Suse',
};

/** Gathers the host's facts under Ansible's `ansible_*` names (what `gather_facts` runs). */
function gather(): Record<string, unknown> {
  const release = osRelease();
  const id = (release.ID ?? os.platform()).toLowerCase();
  const family =
    FAMILIES[id] ?? FAMILIES[(release.ID_LIKE ?? '').split(' ')[0]] ?? release.NAME ?? os.platform();
  const now = new Date();
  const ipv4 = Object.entries(os.networkInterfaces())
    .flatMap(([name, addrs]) => (addrs ?? []).map((a) => ({ ...a, name })))
    .find((a) => a.family === 'IPv4' && !a.internal);
  const user = os.userInfo();
  return {
    ...systemFacts(release),
    ansible_hostname: os.hostname().split('.')[0],
    ansible_fqdn: os.hostname(),
    ansible_nodename: os.hostname(),
    ansible_system: os.type(),
    ansible_kernel: os.release(),
    ansible_os_family: family,
    ansible_distribution: release.NAME?.split(' ')[0] ?? os.type(),
    ansible_distribution_version: release.VERSION_ID ?? '',
    ansible_distribution_major_version: (release.VERSION_ID ?? '').split('.')[0],
    ansible_distribution_release: release.VERSION_CODENAME ?? '',
    ansible_architecture: os.arch() === 'x64' ? 'x86_64' : os.arch() === 'arm64' ? 'aarch64' : os.arch(),
    ansible_processor_vcpus: os.cpus().length,
    ansible_processor_count: os.cpus().length,
    ansible_memtotal_mb: Math.round(os.totalmem() / 1048576),
    ansible_memfree_mb: Math.round(os.freemem() / 1048576),
    ansible_default_ipv4: ipv4
      ? { address: ipv4.address, netmask: ipv4.netmask, interface: ipv4.name, macaddress: ipv4.mac }
      : {},
    ansible_env: { ...process.env },
    ansible_user_id: user.username,
    ansible_user_uid: user.uid,
    ansible_user_gid: user.gid,
    ansible_user_dir: user.homedir,
    ansible_date_time: {
      iso8601: now.toISOString().replace(/\.\d+Z$/, 'Z'),
      epoch: String(Math.floor(now.getTime() / 1000)),
      date: now.toISOString().slice(0, 10),
      time: now.toTimeString().slice(0, 8),
    },
    ansible_node_version: process.versions.node,
    spindle_node_version: process.versions.node,
  };
}

/** `setup`: gather facts about the host (OS, CPU, memory, network, user, Node version). */
export const setupModule = defineModule({
  name: 'setup',
  summary:
    'Gather facts about the host: OS family and distribution, architecture, CPUs, memory, IPv4, user, Node.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED,
  args,
  probe: async () => gather(),
  plan: () => ({ steps: [], reason: 'facts gathered' }),
  apply: async () => ({ changed: false }),
  report: (_a, facts) => ({ ansible_facts: facts }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(setupModule);
