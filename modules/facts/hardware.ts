import os from 'node:os';
import { exists, once, readLines, readText } from './host-files.js';
import { deviceFacts, lvmFacts, mountFacts } from './storage.js';

/** CPU facts from /proc/cpuinfo, counted the way Ansible counts sockets, cores and threads. */
function cpuFacts(architecture: string): Record<string, unknown> {
  const processor: string[] = [];
  let vendorIds = 0;
  let modelNames = 0;
  let processors = 0;
  let count = 0;
  let physid = '0';
  let coreid = '0';
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  let declaredCores: number | undefined;
  for (const line of readLines('/proc/cpuinfo')) {
    const key = line.split(':')[0].trim();
    const value = line.includes(':') ? line.slice(line.indexOf(':') + 1).trim() : '';
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(value);
      if (key === 'vendor_id') vendorIds++;
      if (key === 'model name') modelNames++;
      if (key === 'processor') processors++;
      count++;
    } else if (key === 'physical id') {
      physid = value;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = value;
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, Number.parseInt(value, 10));
    else if (key === 'siblings') cores.set(coreid, Number.parseInt(value, 10));
    else if (key === '# processors') declaredCores = Number.parseInt(value, 10);
    else if (key === 'ncpus active') count = Number.parseInt(value, 10);
  }
  if (vendorIds > 0 && vendorIds === modelNames) count = vendorIds;
  if (/^(armv|aarch|ppc)/.test(architecture)) count = processors;
  const processorCount = sockets.size > 0 ? sockets.size : count;
  const perSocket = [...sockets.values()][0] || declaredCores || 1;
  const siblings = [...cores.values()][0];
  const threadsPerCore =
    siblings !== undefined ? Math.floor(siblings / perSocket) : Math.floor(1 / perSocket);
  return {
    processor,
    processor_count: processorCount,
    processor_cores: perSocket,
    processor_threads_per_core: threadsPerCore,
    processor_vcpus: threadsPerCore * processorCount * perSocket,
    processor_nproc:
      typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  };
}

/** Memory facts from /proc/meminfo, in MiB, rounded down. */
function memoryFacts(): Record<string, unknown> {
  const mb: Record<string, number> = {};
  for (const line of readLines('/proc/meminfo')) {
    const [key, rest = ''] = line.split(':');
    mb[key.toLowerCase()] = Math.floor(Number.parseInt(rest.trim(), 10) / 1024);
  }
  const { memtotal, memfree, swaptotal, swapfree, buffers, cached, swapcached } = mb;
  const nocacheFree = cached + memfree + buffers;
  return {
    memtotal_mb: memtotal,
    memfree_mb: memfree,
    swaptotal_mb: swaptotal,
    swapfree_mb: swapfree,
    memory_mb: {
      real: { total: memtotal, used: memtotal - memfree, free: memfree },
      nocache: { free: nocacheFree, used: memtotal - nocacheFree },
      swap: { total: swaptotal, free: swapfree, used: swaptotal - swapfree, cached: swapcached },
    },
  };
}

const FORM_FACTORS = [
  'Unknown',
  'Other',
  'Unknown',
  'Desktop',
  'Low Profile Desktop',
  'Pizza Box',
  'Mini Tower',
  'Tower',
  'Portable',
  'Laptop',
  'Notebook',
  'Hand Held',
  'Docking Station',
  'All In One',
  'Sub Notebook',
  'Space-saving',
  'Lunch Box',
  'Main Server Chassis',
  'Expansion Chassis',
  'Sub Chassis',
  'Bus Expansion Chassis',
  'Peripheral Chassis',
  'RAID Chassis',
  'Rack Mount Chassis',
  'Sealed-case PC',
  'Multi-system',
  'CompactPCI',
  'AdvancedTCA',
  'Blade',
  'Blade Enclosure',
  'Tablet',
  'Convertible',
  'Detachable',
  'IoT Gateway',
  'Embedded PC',
  'Mini PC',
  'Stick PC',
];

const DMI_FILES: Record<string, string> = {
  bios_date: 'bios_date',
  bios_vendor: 'bios_vendor',
  bios_version: 'bios_version',
  board_asset_tag: 'board_asset_tag',
  board_name: 'board_name',
  board_serial: 'board_serial',
  board_vendor: 'board_vendor',
  board_version: 'board_version',
  chassis_asset_tag: 'chassis_asset_tag',
  chassis_serial: 'chassis_serial',
  chassis_vendor: 'chassis_vendor',
  chassis_version: 'chassis_version',
  form_factor: 'chassis_type',
  product_name: 'product_name',
  product_serial: 'product_serial',
  product_uuid: 'product_uuid',
  product_version: 'product_version',
  system_vendor: 'sys_vendor',
};

/** DMI facts from /sys (the firmware's description of the machine; 'NA' where the kernel exposes none). */
export const dmiFacts = once((): Record<string, string> => {
  const dir = '/sys/devices/virtual/dmi/id';
  const present = exists(`${dir}/product_name`);
  return Object.fromEntries(
    Object.entries(DMI_FILES).map(([fact, file]) => {
      const value = present ? readText(`${dir}/${file}`) : undefined;
      if (value === undefined) return [fact, 'NA'];
      if (fact !== 'form_factor') return [fact, value];
      return [fact, FORM_FACTORS[Number(value)] ?? `unknown (${value})`];
    }),
  );
});

/** The `hardware` collector (Linux): CPUs, memory, DMI, block devices, uptime, LVM and mounts. */
export function hardwareFacts(platform: Record<string, unknown>): Record<string, unknown> {
  const uptime = readText('/proc/uptime')?.split(' ')[0];
  return {
    ...cpuFacts(String(platform.architecture ?? os.machine())),
    ...memoryFacts(),
    ...dmiFacts(),
    ...deviceFacts(),
    ...(uptime ? { uptime_seconds: Math.floor(Number(uptime)) } : {}),
    ...lvmFacts(),
    ...mountFacts(),
  };
}
