import { distributionFacts, lsbFacts } from './distribution.js';
import { hardwareFacts } from './hardware.js';
import { dateTimeFacts, envFacts, userFacts } from './identity.js';
import { localFacts } from './local-facts.js';
import { dnsFacts, fibreChannelFacts, iscsiFacts, networkFacts, nvmeFacts } from './network.js';
import { platformFacts } from './platform.js';
import { pythonFacts } from './python.js';
import { apparmorFacts, capsFacts, chrootFacts, fipsFacts, selinuxFacts } from './security.js';
import {
  cmdlineFacts,
  loadavgFacts,
  packageManagerFacts,
  serviceManagerFacts,
  sshPublicKeyFacts,
} from './system.js';
import { virtualFacts } from './virtual.js';

type Facts = Record<string, unknown>;

/** What a collector may read: the facts gathered before it (unprefixed), the options, and where warnings go. */
export interface CollectContext {
  collected: Facts;
  factPath: string;
  warnings: string[];
  /** The task's `environment:` (the play's, for the implicit gathering): part of `ansible_env`, as in Ansible. */
  environment?: Record<string, string>;
}

/** One fact family Ansible can gather or leave out by name: what it is called, answers to, needs, gathers. */
export interface Collector {
  name: string;
  /** Fact names that also select this collector in `gather_subset` (`!devices` leaves hardware out…). */
  factIds: string[];
  /** Collectors whose facts this one reads; gathered first, even when not asked for. */
  requires: string[];
  collect(context: CollectContext): Facts | Promise<Facts>;
}

const collector = (
  name: string,
  collect: Collector['collect'],
  factIds: string[] = [],
  requires: string[] = [],
): Collector => ({ name, factIds, requires, collect });

/** Ansible's Linux collectors, in the order Ansible runs them. */
export const COLLECTORS: Collector[] = [
  collector('platform', platformFacts, [
    'system',
    'kernel',
    'kernel_version',
    'machine',
    'python_version',
    'architecture',
    'machine_id',
  ]),
  collector('distribution', distributionFacts, [
    'distribution_version',
    'distribution_release',
    'distribution_major_version',
    'os_family',
  ]),
  collector('lsb', lsbFacts),
  collector('selinux', selinuxFacts),
  collector('apparmor', apparmorFacts),
  collector('chroot', chrootFacts, ['is_chroot']),
  collector('fips', fipsFacts),
  collector('python', pythonFacts),
  collector('caps', capsFacts, ['system_capabilities', 'system_capabilities_enforced']),
  collector('pkg_mgr', (c) => packageManagerFacts(c.collected), [], ['distribution']),
  collector('service_mgr', serviceManagerFacts, [], ['platform', 'distribution']),
  collector('cmdline', cmdlineFacts),
  collector('date_time', () => dateTimeFacts()),
  collector('env', envFacts),
  collector('loadavg', loadavgFacts),
  collector('ssh_pub_keys', sshPublicKeyFacts, [
    'ssh_host_pub_keys',
    'ssh_host_key_dsa_public',
    'ssh_host_key_rsa_public',
    'ssh_host_key_ecdsa_public',
    'ssh_host_key_ed25519_public',
  ]),
  collector('user', userFacts, [
    'user_id',
    'user_uid',
    'user_gid',
    'user_gecos',
    'user_dir',
    'user_shell',
    'real_user_id',
    'effective_user_id',
    'effective_group_ids',
  ]),
  collector('virtual', virtualFacts, [
    'virtualization_type',
    'virtualization_role',
    'virtualization_tech_guest',
    'virtualization_tech_host',
  ]),
  collector(
    'hardware',
    (c) => hardwareFacts(c.collected),
    ['processor', 'processor_cores', 'processor_count', 'mounts', 'devices'],
    ['platform'],
  ),
  collector('dns', dnsFacts),
  collector('fibre_channel_wwn', fibreChannelFacts),
  collector(
    'network',
    networkFacts,
    ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
    ['distribution', 'platform'],
  ),
  collector('iscsi', iscsiFacts),
  collector('nvme', nvmeFacts),
  collector('local', (c) => localFacts(c.factPath, c.warnings)),
  collector('facter', () => ({}), ['facter']),
  collector('ohai', () => ({})),
];

/** The collectors `gather_subset: ['!all']` still runs (Ansible's setup module's minimal set). */
export const MINIMAL_SUBSET = new Set([
  'apparmor',
  'caps',
  'cmdline',
  'date_time',
  'distribution',
  'dns',
  'env',
  'fips',
  'local',
  'lsb',
  'pkg_mgr',
  'platform',
  'python',
  'selinux',
  'service_mgr',
  'ssh_pub_keys',
  'user',
]);
