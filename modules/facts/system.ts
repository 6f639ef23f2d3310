import { lstatSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { exists, findExecutable, readText } from './host-files.js';

const PROC_1_NAMES: Record<string, string> = {
  procd: 'openwrt_init',
  'runit-init': 'runit',
  svscan: 'svc',
  'openrc-init': 'openrc',
};

/** The `service_mgr` collector: PID 1's name unless it is a generic `init` or a shell, else the usual probes. */
export function serviceManagerFacts(): Record<string, unknown> {
  let proc1 = readText('/proc/1/comm');
  if (proc1 === undefined) {
    try {
      if (lstatSync('/sbin/init').isSymbolicLink()) proc1 = readlinkSync('/sbin/init');
    } catch {}
  }
  proc1 = proc1 === undefined ? undefined : basename(proc1).trim();
  if (proc1 && proc1 !== 'init' && !proc1.endsWith('sh'))
    return { service_mgr: PROC_1_NAMES[proc1] ?? proc1 };
  const systemctl = findExecutable('systemctl') !== undefined;
  const initIsSystemd = (() => {
    try {
      return lstatSync('/sbin/init').isSymbolicLink() && basename(readlinkSync('/sbin/init')) === 'systemd';
    } catch {
      return false;
    }
  })();
  const name =
    systemctl && ['/run/systemd/system/', '/dev/.run/systemd/', '/dev/.systemd/'].some(exists)
      ? 'systemd'
      : findExecutable('initctl') && exists('/etc/init/')
        ? 'upstart'
        : exists('/sbin/openrc')
          ? 'openrc'
          : systemctl && initIsSystemd
            ? 'systemd'
            : exists('/etc/init.d/')
              ? 'sysvinit'
              : 'service';
  return { service_mgr: name };
}

const PACKAGE_MANAGERS: [string, string][] = [
  ['/usr/bin/rpm-ostree', 'atomic_container'],
  ['/usr/bin/yum', 'yum'],
  ['/usr/bin/dnf', 'dnf'],
  ['/usr/bin/apt-get', 'apt'],
  ['/usr/bin/zypper', 'zypper'],
  ['/usr/sbin/urpmi', 'urpmi'],
  ['/usr/bin/pacman', 'pacman'],
  ['/bin/opkg', 'opkg'],
  ['/usr/pkg/bin/pkgin', 'pkgin'],
  ['/sbin/apk', 'apk'],
  ['/usr/sbin/pkg', 'pkgng'],
  ['/usr/bin/emerge', 'portage'],
  ['/usr/bin/xbps-install', 'xbps'],
  ['/usr/bin/swupd', 'swupd'],
];

/** The `pkg_mgr` collector: the last known package manager present, with the OS family's default winning. */
export function packageManagerFacts(distribution: Record<string, unknown>): Record<string, unknown> {
  let name = 'unknown';
  for (const [path, manager] of PACKAGE_MANAGERS) if (exists(path)) name = manager;
  const family = distribution.os_family;
  const major = Number(distribution.distribution_major_version);
  if (family === 'RedHat' && (name === 'yum' || name === 'dnf'))
    name = (distribution.distribution === 'Fedora' ? major >= 23 : major >= 8) ? 'dnf' : 'yum';
  else if (family === 'Debian') name = 'apt';
  if (name === 'apt' && exists('/usr/bin/rpm') && !exists('/usr/bin/dpkg')) name = 'apt_rpm';
  return { pkg_mgr: name };
}

/** Python's `shlex.split(posix=False)`: words split on blanks, quoted runs kept whole with their quotes. */
function splitWords(text: string): string[] {
  return text.match(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g) ?? [];
}

/** The `cmdline` collector: the kernel command line as a mapping (`proc_cmdline` keeps repeated keys as lists). */
export function cmdlineFacts(): Record<string, unknown> {
  const data = readText('/proc/cmdline');
  if (!data) return {};
  const cmdline: Record<string, unknown> = {};
  const procCmdline: Record<string, unknown> = {};
  for (const word of splitWords(data)) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      cmdline[word] = true;
      procCmdline[word] = true;
      continue;
    }
    const [key, value] = [word.slice(0, eq), word.slice(eq + 1)];
    cmdline[key] = value;
    const previous = procCmdline[key];
    procCmdline[key] =
      previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return { cmdline, proc_cmdline: procCmdline };
}

/** The `loadavg` collector. */
export function loadavgFacts(): Record<string, unknown> {
  const [one, five, fifteen] = os.loadavg();
  return { loadavg: { '1m': one, '5m': five, '15m': fifteen } };
}

/** The `ssh_pub_keys` collector: the host's public SSH keys from the first folder that has any. */
export function sshPublicKeyFacts(): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const dir of ['/etc/ssh', '/etc/openssh', '/etc']) {
    for (const algo of ['dsa', 'rsa', 'ecdsa', 'ed25519']) {
      const name = `ssh_host_key_${algo}_public`;
      if (name in facts) return facts;
      const [keytype, key] = readText(`${dir}/ssh_host_${algo}_key.pub`)?.split(/\s+/) ?? [];
      if (key === undefined) continue;
      facts[name] = key;
      facts[`${name}_keytype`] = keytype;
    }
  }
  return facts;
}
