import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';

/** Linux's numbers for TCP states, as /proc/net/tcp shows them (hex), by Ansible's names. */
const STATE_IDS: Record<string, string> = {
  ESTABLISHED: '01',
  SYN_SENT: '02',
  SYN_RECV: '03',
  FIN_WAIT1: '04',
  FIN_WAIT2: '05',
  TIME_WAIT: '06',
  CLOSE: '07',
  CLOSE_WAIT: '08',
  LAST_ACK: '09',
  LISTEN: '0A',
  CLOSING: '0B',
};

/** The /proc id of a TCP state name (`ESTABLISHED` → `01`); undefined for a name Linux does not have. */
export function tcpStateId(name: string): string | undefined {
  return STATE_IDS[name.toUpperCase()];
}

const SOURCES = [
  { file: '/proc/net/tcp', family: 4, any: '00000000' },
  { file: '/proc/net/tcp6', family: 6, any: '00000000000000000000000000000000' },
] as const;
const MAPPED_PREFIX = '0000000000000000FFFF0000';
const MAPPED_ANY = '0000000000000000FFFF000000000000';

/** An address as /proc/net/tcp writes it: each 32-bit word in host (little-endian) byte order, in hex. */
function procHex(address: string): string {
  const bytes = isIPv4(address) ? address.split('.').map(Number) : ipv6Bytes(address);
  let hex = '';
  for (let word = 0; word < bytes.length; word += 4)
    for (let i = 3; i >= 0; i--) hex += bytes[word + i].toString(16).padStart(2, '0').toUpperCase();
  return hex;
}

function ipv6Bytes(address: string): number[] {
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...Array(address.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return all.flatMap((g) => {
    const value = Number.parseInt(g, 16);
    return [value >> 8, value & 0xff];
  });
}

/** Every address a host name resolves to, as `family:hex` keys of /proc/net/tcp. */
async function procAddresses(host: string): Promise<Set<string>> {
  const found = await lookup(host, { all: true });
  return new Set(found.map((a) => `${a.family}:${procHex(a.address)}`));
}

/**
 * How many TCP connections on this host use local `port` in one of `states` (Ansible's wait_for `drained`):
 * on an address `host` resolves to (or the wildcard one), not from one of `exclude` hosts.
 */
export async function activeConnections(
  host: string,
  port: number,
  states: string[],
  exclude: string[] = [],
): Promise<number> {
  const ips = await procAddresses(host);
  const excluded = new Set<string>();
  for (const name of exclude) for (const key of await procAddresses(name)) excluded.add(key);
  const wanted = new Set(states.map((s) => tcpStateId(s)));
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const source of SOURCES) {
    const text = await readFile(source.file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || !wanted.has(fields[3])) continue;
      const [localIp, localPort] = fields[1].split(':');
      if (localPort !== portHex) continue;
      if (excluded.has(`${source.family}:${fields[2].split(':')[0]}`)) continue;
      if (
        ips.has(`${source.family}:${localIp}`) ||
        ips.has(`${source.family}:${source.any}`) ||
        (localIp.startsWith(MAPPED_PREFIX) && ips.has(`${source.family}:${MAPPED_ANY}`))
      )
        count++;
    }
  }
  return count;
}
