import { statSync } from 'node:fs';
import os from 'node:os';
import { commandOutput, exists, findExecutable, once, readText } from './host-files.js';

/** Whether libselinux.so.1 is installed: what Ansible's SELinux facts load (its `selinux_python_present`). */
const hasLibselinux = once(() =>
  [
    '/lib',
    '/usr/lib',
    '/lib64',
    '/usr/lib64',
    `/lib/${os.machine()}-linux-gnu`,
    `/usr/lib/${os.machine()}-linux-gnu`,
  ].some((dir) => exists(`${dir}/libselinux.so.1`)),
);

/** The `selinux` collector: status (and mode/policy when enabled), and whether libselinux can be loaded. */
export function selinuxFacts(): Record<string, unknown> {
  if (!hasLibselinux())
    return { selinux: { status: 'Missing selinux Python library' }, selinux_python_present: false };
  const enforce = readText('/sys/fs/selinux/enforce');
  if (enforce === undefined) return { selinux: { status: 'disabled' }, selinux_python_present: true };
  const config = readText('/etc/selinux/config') ?? '';
  const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(config)?.[1]?.trim() ?? 'unknown';
  return {
    selinux: {
      status: 'enabled',
      policyvers: Number(readText('/sys/fs/selinux/policyvers')) || 'unknown',
      config_mode: setting('SELINUX'),
      mode: enforce === '1' ? 'enforcing' : 'permissive',
      type: setting('SELINUXTYPE'),
    },
    selinux_python_present: true,
  };
}

/** The `apparmor` collector. */
export function apparmorFacts(): Record<string, unknown> {
  return { apparmor: { status: exists('/sys/kernel/security/apparmor') ? 'enabled' : 'disabled' } };
}

/** The `fips` collector: whether the kernel runs in FIPS mode. */
export function fipsFacts(): Record<string, unknown> {
  return { fips: readText('/proc/sys/crypto/fips_enabled') === '1' };
}

/** The `chroot` collector: `/` is not PID 1's root (or, without access to PID 1, not a file system root inode). */
export function chrootFacts(): Record<string, unknown> {
  if (process.env.debian_chroot) return { is_chroot: true };
  const mine = statSync('/');
  try {
    const init = statSync('/proc/1/root/.');
    return { is_chroot: mine.ino !== init.ino || mine.dev !== init.dev };
  } catch {
    const stat = findExecutable('stat');
    const fsType = stat ? (commandOutput(stat, ['-f', '--format=%T', '/']) ?? '') : '';
    const rootInode = fsType.includes('btrfs') ? 256 : fsType.includes('xfs') ? 128 : 2;
    return { is_chroot: mine.ino !== rootInode };
  }
}

/** The `caps` collector: the capabilities `capsh --print` reports as current ('N/A' without capsh); once per context. */
export const capsFacts = once((): Record<string, unknown> => {
  const capsh = findExecutable('capsh');
  const out = capsh ? commandOutput(capsh, ['--print']) : undefined;
  if (out === undefined) return { system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' };
  let enforced = 'NA';
  let caps: string[] = [];
  for (const line of out.split('\n')) {
    if (!line.startsWith('Current:')) continue;
    if (line.split(':')[1].trim() === '=ep') enforced = 'False';
    else {
      enforced = 'True';
      caps = line
        .split('=')[1]
        .split(',')
        .map((c) => c.trim());
    }
  }
  return { system_capabilities_enforced: enforced, system_capabilities: caps };
});
