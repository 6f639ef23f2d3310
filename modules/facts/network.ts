import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { appendTo, commandOutput, exists, findExecutable, readText } from './host-files.js';

type Facts = Record<string, unknown>;

const INTERFACE_TYPES: Record<string, string> = {
  '1': 'ether',
  '32': 'infiniband',
  '512': 'ppp',
  '772': 'loopback',
  '65534': 'tunnel',
};

/** Where traffic to a public address leaves: `ip route get` → interface, source address, gateway. */
function defaultRoute(ip: string, family: '-4' | '-6', target: string): Facts {
  const words = (commandOutput(ip, [family, 'route', 'get', target]) ?? '').split('\n')[0].split(/\s+/);
  const route: Facts = {};
  if (words[0] !== target) return route;
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] === 'dev') route.interface = words[i + 1];
    else if (words[i] === 'src') route.address = words[i + 1];
    else if (words[i] === 'via' && words[i + 1] !== target) route.gateway = words[i + 1];
  }
  return route;
}

/** One interface's facts from /sys/class/net/NAME. */
function deviceFacts(device: string): Facts {
  const path = `/sys/class/net/${device}`;
  const facts: Facts = { device };
  const mac = readText(`${path}/address`);
  if (mac && mac !== '00:00:00:00:00:00') facts.macaddress = mac;
  const mtu = readText(`${path}/mtu`);
  if (mtu !== undefined) facts.mtu = Number.parseInt(mtu, 10);
  const operstate = readText(`${path}/operstate`);
  if (operstate !== undefined) facts.active = operstate !== 'down';
  if (exists(`${path}/device/driver/module`))
    facts.module = basename(realpathSync(`${path}/device/driver/module`));
  const type = readText(`${path}/type`);
  if (type !== undefined) facts.type = INTERFACE_TYPES[type] ?? 'unknown';
  if (exists(`${path}/bridge`)) {
    facts.type = 'bridge';
    facts.interfaces = exists(`${path}/brif`) ? readdirSync(`${path}/brif`) : [];
    const id = readText(`${path}/bridge/bridge_id`);
    if (id !== undefined) facts.id = id;
    const stp = readText(`${path}/bridge/stp_state`);
    if (stp !== undefined) facts.stp = stp === '1';
  }
  if (exists(`${path}/bonding`)) {
    facts.type = 'bonding';
    facts.slaves = (readText(`${path}/bonding/slaves`) ?? '').split(/\s+/).filter(Boolean);
    for (const key of ['mode', 'miimon', 'lacp_rate'])
      facts[key] = (readText(`${path}/bonding/${key}`) ?? '').split(/\s+/)[0];
    const primary = readText(`${path}/bonding/primary`);
    if (primary) {
      facts.primary = primary;
      const active = readText(`${path}/bonding/all_slaves_active`);
      if (active !== undefined) facts.all_slaves_active = active === '1';
    }
  }
  if (exists(`${path}/bonding_slave`))
    facts.perm_macaddress = readText(`${path}/bonding_slave/perm_hwaddr`) ?? '';
  if (exists(`${path}/device`)) facts.pciid = basename(readlinkSync(`${path}/device`));
  const speed = readText(`${path}/speed`);
  if (speed !== undefined && speed !== '') facts.speed = Number.parseInt(speed, 10);
  const flags = readText(`${path}/flags`);
  if (flags !== undefined) facts.promisc = (Number.parseInt(flags, 16) & 0x100) > 0;
  return facts;
}

function ipv4Details(
  cidr: string,
  words: string[],
): { address: string; broadcast: string; netmask: string; network: string; prefix: string } {
  const [address, length = '32'] = cidr.split('/');
  const bits = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const mask = Number(length) === 0 ? 0 : (0xffffffff << (32 - Number(length))) >>> 0;
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

  return {
    address,
    broadcast: words[0] === 'brd' && words.length > 1 ? words[1] : '',
    netmask: dotted(mask),
    network: dotted((bits & mask) >>> 0),
    prefix: length,
  };
}

/** The `network` collector (Linux, needs `ip` as Ansible's does): interfaces, addresses, default routes. */
export function networkFacts(): Facts {
  const ip = findExecutable('ip');
  if (!ip) return {};
  const defaultIpv4 = defaultRoute(ip, '-4', '8.8.8.8');
  const defaultIpv6 = defaultRoute(ip, '-6', '2404:6800:400a:800::1012');
  const interfaces: Record<string, Facts> = {};
  for (const device of exists('/sys/class/net') ? readdirSync('/sys/class/net') : [])
    interfaces[device] = deviceFacts(device);
  const all4: string[] = [];
  const all6: string[] = [];
  for (const line of (commandOutput(ip, ['-o', 'addr', 'show']) ?? '').split('\n')) {
    const [head] = line.split('\\');
    const parts = head.trim().split(/\s+/);
    const device = parts[1];
    const iface = device && interfaces[device];
    if (!iface) continue;
    const [kind, cidr, ...rest] = parts.slice(2);
    if (kind === 'inet') {
      const details = ipv4Details(cidr, rest);
      const label = rest.at(-1) ?? device;
      if (label !== device && /^[\w.-]+:[\w.-]+$/.test(label) && !interfaces[label]) interfaces[label] = {};
      const target = label !== device && interfaces[label] ? interfaces[label] : iface;
      if (!rest.includes('secondary') && !('ipv4' in target)) target.ipv4 = details;
      else appendTo(target, 'ipv4_secondaries', details);
      if (defaultIpv4.address === details.address)
        Object.assign(defaultIpv4, {
          broadcast: details.broadcast,
          netmask: details.netmask,
          network: details.network,
          prefix: details.prefix,
          macaddress: iface.macaddress ?? 'unknown',
          mtu: iface.mtu,
          type: iface.type ?? 'unknown',
          alias: label,
        });
      if (!details.address.startsWith('127.')) all4.push(details.address);
    } else if (kind === 'inet6') {
      const peer = rest[0] === 'peer';
      const [address, prefix] = peer ? [cidr, rest[1].split('/')[1]] : cidr.split('/');
      const scope = peer ? rest[3] : rest[1];
      appendTo(iface, 'ipv6', { address, prefix, scope });
      if (defaultIpv6.address === address)
        Object.assign(defaultIpv6, {
          prefix,
          scope,
          macaddress: iface.macaddress ?? 'unknown',
          mtu: iface.mtu,
          type: iface.type ?? 'unknown',
        });
      if (address !== '::1') all6.push(address);
    }
  }
  const facts: Facts = { interfaces: Object.keys(interfaces).map((n) => n.replaceAll(':', '_')) };
  for (const [name, value] of Object.entries(interfaces)) facts[name.replaceAll(':', '_')] = value;
  return {
    ...facts,
    default_ipv4: defaultIpv4,
    default_ipv6: defaultIpv6,
    all_ipv4_addresses: all4,
    all_ipv6_addresses: all6,
  };
}

/** The `dns` collector: /etc/resolv.conf's name servers, domain, search list, sortlist and options. */
export function dnsFacts(): Facts {
  const dns: Facts = {};
  for (const line of (readText('/etc/resolv.conf') ?? '').split('\n')) {
    if (line.startsWith('#') || line.startsWith(';') || !line.trim()) continue;
    const [key, ...values] = line.trim().split(/\s+/);
    if (key === 'nameserver' && values[0]) appendTo(dns, 'nameservers', values[0]);
    else if (key === 'domain' && values[0]) dns.domain = values[0];
    else if (key === 'search') dns.search = values;
    else if (key === 'sortlist') dns.sortlist = values;
    else if (key === 'options') {
      const options = (dns.options ?? {}) as Record<string, unknown>;
      dns.options = options;
      for (const option of values) {
        const [name, value] = option.split(':');
        options[name] = value ?? true;
      }
    }
  }
  return { dns };
}

/** The `iscsi` collector: the iSCSI initiator name ('' when none). */
export function iscsiFacts(): Facts {
  const line = (readText('/etc/iscsi/initiatorname.iscsi') ?? '')
    .split('\n')
    .find((l) => l.startsWith('InitiatorName='));
  return { iscsi_iqn: line ? line.slice('InitiatorName='.length).trim() : '' };
}

/** The `fibre_channel_wwn` collector: the world wide names of the Fibre Channel ports. */
export function fibreChannelFacts(): Facts {
  const hosts = exists('/sys/class/fc_host') ? readdirSync('/sys/class/fc_host') : [];
  return {
    fibre_channel_wwn: hosts
      .map((h) => readText(`/sys/class/fc_host/${h}/port_name`))
      .filter((w): w is string => w !== undefined)
      .map((w) => w.replace(/^0x/, '')),
  };
}

/** The `nvme` collector: the NVMe host NQN ('' when none). */
export function nvmeFacts(): Facts {
  return { hostnqn: (readText('/etc/nvme/hostnqn') ?? '').split('\n')[0] };
}
