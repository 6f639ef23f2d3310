import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Facts Ansible's `setup` returns on Debian that Node alone does not give: Python, service/package managers, … */

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `ansible_python`: the target's python3 as Ansible describes it (empty when there is none). */
function pythonFacts(): Record<string, unknown> {
  try {
    const out = execFileSync(
      'python3',
      [
        '-c',
        'import sys,json,ssl;v=sys.version_info;print(json.dumps({"executable":sys.executable,"has_sslcontext":hasattr(ssl,"SSLContext"),"type":sys.implementation.name,"version":{"major":v.major,"minor":v.minor,"micro":v.micro,"releaselevel":v.releaselevel,"serial":v.serial},"version_info":list(v)}))',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 },
    );
    const python = JSON.parse(out) as { type: string; version: Record<string, number> };
    const v = python.version;
    return { ansible_python: python, ansible_python_version: `${v.major}.${v.minor}.${v.micro}` };
  } catch {
    return {};
  }
}

/** The service manager as Ansible names it: `systemd` when PID 1 is systemd, else PID 1's command name. */
function serviceManager(): string {
  if (existsSync('/run/systemd/system')) return 'systemd';
  const comm = read('/proc/1/comm')?.trim();
  if (comm === 'init' && existsSync('/etc/init.d')) return 'sysvinit';
  return comm || 'service';
}

/** `ansible_lsb`, from /etc/lsb-release or os-release (Debian 12 has no lsb_release by default). */
function lsb(release: Record<string, string>): Record<string, string> {
  if (!release.ID) return {};
  const version = release.VERSION_ID ?? '';
  return {
    codename: release.VERSION_CODENAME ?? '',
    description: release.PRETTY_NAME ?? '',
    id: release.NAME?.split(' ')[0] ?? release.ID,
    major_release: version.split('.')[0],
    release: version,
  };
}

/** The kernel command line as Ansible's mapping (`root=/dev/sda1 ro` → `{root: '/dev/sda1', ro: true}`). */
function cmdline(): Record<string, string | boolean> {
  const words = read('/proc/cmdline')?.trim().split(/\s+/).filter(Boolean) ?? [];
  return Object.fromEntries(
    words.map((w) =>
      w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, true],
    ),
  );
}

/** The facts below, for the setup module to merge. */
export function systemFacts(release: Record<string, string>): Record<string, unknown> {
  const user = os.userInfo();
  const passwd = read('/etc/passwd')
    ?.split('\n')
    .find((l) => l.startsWith(`${user.username}:`))
    ?.split(':');
  const fqdn = os.hostname();
  const load = os.loadavg();
  const interfaces = Object.keys(os.networkInterfaces());
  const addrs = Object.values(os.networkInterfaces()).flatMap((a) => a ?? []);
  const apparmor = existsSync('/sys/kernel/security/apparmor') ? 'enabled' : 'disabled';
  const meminfo = Object.fromEntries(
    (read('/proc/meminfo') ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.split(':')[0], Number.parseInt(l.split(':')[1] ?? '0', 10)]),
  );
  return {
    ...pythonFacts(),
    ansible_service_mgr: serviceManager(),
    ansible_pkg_mgr: existsSync('/usr/bin/apt-get') ? 'apt' : 'unknown',
    ansible_lsb: lsb(release),
    ansible_apparmor: { status: apparmor },
    ansible_selinux: { status: existsSync('/sys/fs/selinux/enforce') ? 'enabled' : 'disabled' },
    ansible_selinux_python_present: false,
    ansible_fips: read('/proc/sys/crypto/fips_enabled')?.trim() === '1',
    ansible_domain: fqdn.includes('.') ? fqdn.slice(fqdn.indexOf('.') + 1) : '',
    ansible_machine: os.machine(),
    ansible_machine_id: read('/etc/machine-id')?.trim() ?? '',
    ansible_kernel_version: os.version(),
    ansible_userspace_bits: process.arch.endsWith('64') ? '64' : '32',
    ansible_user_shell: passwd?.[6] ?? user.shell ?? '',
    ansible_user_gecos: passwd?.[4] ?? '',
    ansible_real_user_id: process.getuid?.() ?? user.uid,
    ansible_effective_user_id: process.geteuid?.() ?? user.uid,
    ansible_real_group_id: process.getgid?.() ?? user.gid,
    ansible_effective_group_id: process.getegid?.() ?? user.gid,
    ansible_processor_nproc:
      typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    ansible_uptime_seconds: Math.floor(os.uptime()),
    ansible_loadavg: { '1m': load[0], '5m': load[1], '15m': load[2] },
    ansible_swaptotal_mb: Math.round((meminfo.SwapTotal ?? 0) / 1024),
    ansible_swapfree_mb: Math.round((meminfo.SwapFree ?? 0) / 1024),
    ansible_interfaces: interfaces,
    ansible_all_ipv4_addresses: addrs.filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address),
    ansible_all_ipv6_addresses: addrs.filter((a) => a.family === 'IPv6' && !a.internal).map((a) => a.address),
    ansible_is_chroot: false,
    ansible_proc_cmdline: cmdline(),
    ansible_cmdline: cmdline(),
    ansible_local: {},
  };
}
