import { readdirSync, readlinkSync, realpathSync, statfsSync } from 'node:fs';
import { basename } from 'node:path';
import { appendTo, commandOutput, exists, findExecutable, readLines, readText } from './host-files.js';

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Ansible's `bytes_to_human`: `10.00 GB`, `512.00 Bytes`. */
function bytesToHuman(size: number): string {
  const units = ['Y', 'Z', 'E', 'P', 'T', 'G', 'M', 'K'];
  for (const [i, unit] of units.entries()) {
    const limit = 1024 ** (units.length - i);
    if (size >= limit) return `${(size / limit).toFixed(2)} ${unit}B`;
  }
  return `${size.toFixed(2)} Bytes`;
}

/** Symlinks of a /dev/disk folder grouped by the device they point at (`vda1` → sorted link names). */
function deviceLinks(dir: string): Record<string, string[]> {
  const byTarget: Record<string, unknown> = {};
  for (const entry of list(dir)) {
    try {
      appendTo(byTarget, basename(readlinkSync(`${dir}/${entry}`)), entry);
    } catch {}
  }
  for (const names of Object.values(byTarget)) (names as string[]).sort();
  return byTarget as Record<string, string[]>;
}

function allDeviceLinks(): Record<string, Record<string, string[]>> {
  const masters: Record<string, unknown> = {};
  for (const device of list('/sys/block'))
    for (const slave of list(`/sys/block/${device}/slaves`)) appendTo(masters, slave, device);
  for (const names of Object.values(masters)) (names as string[]).sort();
  return {
    ids: deviceLinks('/dev/disk/by-id'),
    uuids: deviceLinks('/dev/disk/by-uuid'),
    labels: deviceLinks('/dev/disk/by-label'),
    masters: masters as Record<string, string[]>,
  };
}

function holders(sysdir: string): string[] {
  return list(`${sysdir}/holders`)
    .filter((h) => h.startsWith('dm-'))
    .map((h) => readText(`${sysdir}/holders/${h}/dm/name`) || h);
}

function linksOf(links: Record<string, Record<string, string[]>>, name: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(links).map(([kind, map]) => [kind, map[name] ?? []]));
}

function partitionUuid(name: string): string | null {
  for (const uuid of list('/dev/disk/by-uuid')) {
    try {
      if (realpathSync(`/dev/disk/by-uuid/${uuid}`) === `/dev/${name}`) return uuid;
    } catch {}
  }
  return null;
}

/** `devices` and `device_links`: the block devices under /sys/block with their partitions and links. */
export function deviceFacts(): Record<string, unknown> {
  const links = allDeviceLinks();
  const devices: Record<string, unknown> = {};
  for (const disk of list('/sys/block')) {
    const sysdir = `/sys/block/${disk}`;
    const partitions: Record<string, unknown> = {};
    for (const entry of list(sysdir)) {
      const part = new RegExp(`(${disk}p?\\d+)`).exec(entry)?.[1];
      if (!part) continue;
      const partdir = `${sysdir}/${part}`;
      const sectors = readText(`${partdir}/size`) ?? '0';
      partitions[part] = {
        links: linksOf(links, part),
        start: readText(`${partdir}/start`) ?? '0',
        sectors,
        sectorsize:
          readText(`${partdir}/queue/logical_block_size`) ||
          (readText(`${partdir}/queue/hw_sector_size`) ?? 512),
        size: bytesToHuman(Number(sectors) * 512),
        uuid: partitionUuid(part),
        holders: holders(partdir),
      };
    }
    const sectors = readText(`${sysdir}/size`) || '0';
    const serial = readText(`${sysdir}/device/serial`);
    const scheduler = /.*?(\[(.*)\])/.exec(readText(`${sysdir}/queue/scheduler`) ?? '');
    devices[disk] = {
      virtual: 1,
      links: linksOf(links, disk),
      vendor: readText(`${sysdir}/device/vendor`) ?? null,
      model: readText(`${sysdir}/device/model`) ?? null,
      sas_address: readText(`${sysdir}/device/sas_address`) ?? null,
      sas_device_handle: readText(`${sysdir}/device/sas_device_handle`) ?? null,
      ...(serial ? { serial } : {}),
      removable: readText(`${sysdir}/removable`) ?? null,
      support_discard: readText(`${sysdir}/queue/discard_granularity`) ?? null,
      partitions,
      rotational: readText(`${sysdir}/queue/rotational`) ?? null,
      scheduler_mode: scheduler?.[2] ?? '',
      sectors,
      sectorsize:
        readText(`${sysdir}/queue/logical_block_size`) || (readText(`${sysdir}/queue/hw_sector_size`) ?? 512),
      size: bytesToHuman(Number(sectors) * 512),
      host: '',
      holders: holders(sysdir),
    };
  }
  return exists('/sys/block') ? { devices, device_links: links } : { devices: {} };
}

/** `lvm`: volume groups, logical and physical volumes when running as root with LVM tools, else 'N/A'. */
export function lvmFacts(): Record<string, unknown> {
  const vgsBin = findExecutable('vgs');
  if (process.getuid?.() !== 0 || !vgsBin) return { lvm: 'N/A' };
  const options = ['--noheadings', '--nosuffix', '--units', 'g', '--separator', ','];
  const rows = (bin: string | undefined) =>
    ((bin ? commandOutput(bin, options) : undefined) ?? '')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => l.trim().split(','));
  const vgs = Object.fromEntries(
    rows(vgsBin).map((r) => [r[0], { size_g: r.at(-2), free_g: r.at(-1), num_lvs: r[2], num_pvs: r[1] }]),
  );
  const lvs = Object.fromEntries(rows(findExecutable('lvs')).map((r) => [r[0], { size_g: r[3], vg: r[1] }]));
  const pvs = Object.fromEntries(
    rows(findExecutable('pvs')).map((r) => [r[0], { size_g: r[4], free_g: r[5], vg: r[1] }]),
  );
  return { lvm: { lvs, vgs, pvs } };
}

const unescapeOctal = (field: string) =>
  field.replace(/\\[0-7]{3}/g, (m) => String.fromCharCode(Number.parseInt(m.slice(1), 8)));

/** `mounts`: each mounted file system backed by a device (or a network share), with sizes and its UUID. */
export function mountFacts(): Record<string, unknown> {
  const uuids: Record<string, string> = {};
  const lsblk = findExecutable('lsblk');
  for (const line of (lsblk
    ? commandOutput(lsblk, ['--list', '--noheadings', '--paths', '--output', 'NAME,UUID', '--exclude', '2'])
    : undefined
  )?.split('\n') ?? []) {
    const [name, uuid] = line.trim().split(/\s+/);
    if (name && uuid) uuids[name] = uuid;
  }
  const mtab = exists('/etc/mtab') ? '/etc/mtab' : '/proc/mounts';
  const mounts: Record<string, unknown>[] = [];
  for (const line of readLines(mtab)) {
    const fields = line.split(/\s+/).map(unescapeOctal);
    if (fields.length < 4) continue;
    const [device, mount, fstype, options] = fields;
    if ((!device.startsWith('/') && !device.startsWith('\\') && !device.includes(':/')) || fstype === 'none')
      continue;
    const info: Record<string, unknown> = { mount, device, fstype, options };
    try {
      const s = statfsSync(mount);
      Object.assign(info, {
        size_total: s.bsize * s.blocks,
        size_available: s.bsize * s.bavail,
        block_size: s.bsize,
        block_total: s.blocks,
        block_available: s.bavail,
        block_used: s.blocks - s.bavail,
        inode_total: s.files,
        inode_available: s.ffree,
        inode_used: s.files - s.ffree,
      });
    } catch {}
    info.uuid = uuids[device] ?? 'N/A';
    mounts.push(info);
  }
  return { mounts };
}
