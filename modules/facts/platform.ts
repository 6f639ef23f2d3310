import { lookup, lookupService } from 'node:dns/promises';
import os from 'node:os';
import { readText } from './host-files.js';
import { pythonProbe } from './python.js';

/** Python's `socket.getfqdn()`: the host name's address looked up in reverse, the first dotted name winning. */
async function fullyQualifiedName(hostname: string): Promise<string> {
  try {
    const { address } = await lookup(hostname);
    const { hostname: canonical } = await lookupService(address, 0);
    return hostname.includes('.') && !canonical.includes('.') ? hostname : canonical;
  } catch {
    return hostname;
  }
}

let fqdnOnce: Promise<string> | undefined;

/** The `platform` collector: system, kernel, machine, architecture, host names, machine id, userspace bits. */
export async function platformFacts(): Promise<Record<string, unknown>> {
  const node = os.hostname();
  fqdnOnce ??= fullyQualifiedName(node);
  const fqdn = await fqdnOnce;
  const machine = os.machine();
  const bits = process.arch.endsWith('64') || process.arch === 's390x' ? '64' : '32';
  const machineId = (readText('/var/lib/dbus/machine-id') || readText('/etc/machine-id'))?.split('\n')[0];
  const python = pythonProbe();
  return {
    system: os.type(),
    kernel: os.release(),
    kernel_version: os.version(),
    machine,
    ...(python ? { python_version: python.version } : {}),
    fqdn,
    hostname: node.split('.')[0],
    nodename: node,
    domain: fqdn.split('.').slice(1).join('.'),
    userspace_bits: bits,
    architecture: /^i[3-6]86$/.test(machine) && os.type() === 'SunOS' ? 'i386' : machine,
    ...(machine === 'x86_64' ? { userspace_architecture: bits === '64' ? 'x86_64' : 'i386' } : {}),
    ...(machineId ? { machine_id: machineId } : {}),
  };
}
