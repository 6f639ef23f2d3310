import { accessSync, constants } from 'node:fs';
import { exists, once, readLines, readText } from './host-files.js';

/** What the checks found so far: the first hit names the type and role; every hit adds a technology. */
class VirtualFindings {
  type?: string;
  role?: string;
  readonly guest = new Set<string>();
  readonly host = new Set<string>();

  /** Records a guest technology; the first finding sets type and role. */
  asGuest(tech: string, type = tech): void {
    this.guest.add(tech);
    if (this.type === undefined) [this.type, this.role] = [type, 'guest'];
  }

  /** Records a host technology; the first finding sets type and role. */
  asHost(tech: string): void {
    this.host.add(tech);
    if (this.type === undefined) [this.type, this.role] = [tech, 'host'];
  }
}

function containerChecks(found: VirtualFindings): void {
  for (const line of readLines('/proc/1/cgroup')) {
    if (/\/docker(\/|-[0-9a-f]+\.scope)/.test(line)) found.asGuest('docker');
    if (/\/lxc\/|\/machine\.slice\/machine-lxc/.test(line)) found.asGuest('lxc');
    if (line.includes('/system.slice/containerd.service')) found.asGuest('containerd');
  }
  for (const entry of (readText('/proc/1/environ', false) ?? '').split('\0')) {
    if (entry.includes('container=lxc')) found.asGuest('lxc');
    if (entry.includes('container=podman')) found.asGuest('podman');
    if (/^container=./.test(entry)) found.asGuest('container');
  }
  if (exists('/proc/vz') && !exists('/proc/lve')) {
    if (exists('/proc/bc')) found.asHost('openvz');
    else found.asGuest('openvz');
  }
  const systemdContainer = readText('/run/systemd/container');
  if (systemdContainer) found.asGuest(systemdContainer);
  if (exists('/.dockerenv') || exists('/.dockerinit')) found.asGuest('docker');
  if (['docker', 'lxc', 'podman', 'openvz', 'containerd'].some((t) => found.guest.has(t)) || systemdContainer)
    found.guest.add('container');
}

const DMI_GUESTS: [field: string, values: string[], tech: string][] = [
  ['product_name', ['KVM', 'KVM Server', 'Bochs', 'AHV'], 'kvm'],
  ['sys_vendor', ['oVirt'], 'oVirt'],
  ['product_name', ['VMware Virtual Platform', 'VMware7,1'], 'VMware'],
  ['product_name', ['OpenStack Compute', 'OpenStack Nova'], 'openstack'],
  ['bios_vendor', ['Xen'], 'xen'],
  ['bios_vendor', ['innotek GmbH'], 'virtualbox'],
  ['bios_vendor', ['Amazon EC2', 'DigitalOcean', 'Hetzner'], 'kvm'],
  ['sys_vendor', ['QEMU', 'Amazon EC2', 'DigitalOcean', 'Google', 'Scaleway', 'Nutanix'], 'kvm'],
  ['sys_vendor', ['KubeVirt'], 'KubeVirt'],
  ['sys_vendor', ['Microsoft Corporation'], 'VirtualPC'],
  ['sys_vendor', ['Parallels Software International Inc.'], 'parallels'],
  ['sys_vendor', ['OpenStack Foundation'], 'openstack'],
];

function machineChecks(found: VirtualFindings): void {
  if (exists('/proc/xen')) {
    if (readLines('/proc/xen/capabilities').some((l) => l.includes('control_d'))) found.asHost('xen');
    else found.asGuest('xen');
  }
  const dmi = (field: string) => readText(`/sys/devices/virtual/dmi/id/${field}`);
  for (const [field, values, tech] of DMI_GUESTS)
    if (values.includes(dmi(field) ?? '\0')) found.asGuest(tech);
  if (dmi('sys_vendor') === 'Red Hat') {
    if (dmi('product_family') === 'RHV') found.asGuest('RHV');
    else if (dmi('product_name') === 'RHEV Hypervisor') found.asGuest('RHEV');
  }
  const vxid = readLines('/proc/self/status').find((l) => /^VxID:\s+\d+/.test(l));
  if (vxid) {
    if (vxid.split(/\s+/)[1] === '0') found.asHost('linux_vserver');
    else found.asGuest('linux_vserver');
  }
  for (const line of readLines('/proc/cpuinfo')) {
    if (/^model name.*QEMU Virtual CPU/.test(line)) found.asGuest('kvm');
    else if (/^vendor_id.*User Mode Linux/.test(line) || /^model name.*UML/.test(line)) found.asGuest('uml');
    else if (/^vendor_id.*PowerVM Lx86/.test(line)) found.asGuest('powervm_lx86');
  }
  try {
    accessSync('/proc/modules', constants.R_OK);
    const modules = new Set(readLines('/proc/modules').map((l) => l.split(' ')[0]));
    if (modules.has('kvm')) found.asHost('kvm');
    if (modules.has('vboxdrv')) found.asHost('virtualbox');
    if (modules.has('virtio')) found.asGuest('kvm');
  } catch {}
  if (exists('/dev/kvm')) found.asHost('kvm');
}

/** The `virtual` collector (Linux): container and hypervisor technologies seen from inside, first hit as type. */
export const virtualFacts = once((): Record<string, unknown> => {
  const found = new VirtualFindings();
  containerChecks(found);
  machineChecks(found);
  return {
    virtualization_type: found.type ?? 'NA',
    virtualization_role: found.role ?? 'NA',
    virtualization_tech_guest: [...found.guest],
    virtualization_tech_host: [...found.host],
  };
});
