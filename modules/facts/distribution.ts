import os from 'node:os';
import { commandOutput, findExecutable, once, readLines, readText } from './host-files.js';

/** The OS family of each distribution name, as Ansible groups them. */
const FAMILY_MEMBERS: Record<string, string[]> = {
  RedHat: ['RedHat', 'RHEL', 'Fedora', 'CentOS', 'Scientific', 'OracleLinux', 'Amazon', 'AlmaLinux', 'Rocky'],
  Debian: [
    'Debian',
    'Ubuntu',
    'Raspbian',
    'Neon',
    'Linux Mint',
    'SteamOS',
    'Devuan',
    'Kali',
    'Pop!_OS',
    'Parrot',
  ],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'openSUSE Leap', 'SLES_SAP'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro'],
  Gentoo: ['Gentoo', 'Funtoo'],
  Alpine: ['Alpine'],
  Slackware: ['Slackware'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'],
  Darwin: ['MacOSX'],
  FreeBSD: ['FreeBSD', 'TrueOS'],
};
const FAMILY = Object.fromEntries(
  Object.entries(FAMILY_MEMBERS).flatMap(([family, names]) => names.map((n) => [n, family])),
);

/** `/etc/os-release` as a mapping (quotes removed). */
export function osRelease(): Record<string, string> {
  return Object.fromEntries(
    readLines('/etc/os-release')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^["']|["']$/g, '')]),
  );
}

/** The distribution name Ansible derives from the os-release ID (the `distro` library's id, capitalised). */
function nameFromId(id: string): string {
  const special: Record<string, string> = {
    amzn: 'Amazon',
    rhel: 'RedHat',
    opensuse: 'openSUSE',
    sles: 'SLES',
  };
  if (special[id]) return special[id];
  if (id.startsWith('opensuse-')) return id === 'opensuse-leap' ? 'openSUSE Leap' : 'openSUSE Tumbleweed';
  return id ? id[0].toUpperCase() + id.slice(1) : 'OtherLinux';
}

/** The `distribution` collector: name, version (major/minor), release, the file that told, and the OS family. */
export const distributionFacts = once((): Record<string, unknown> => {
  if (os.type() !== 'Linux') {
    return {
      distribution: os.type(),
      distribution_release: os.release(),
      distribution_version: os.version(),
      os_family: FAMILY[os.type()] ?? os.type(),
    };
  }
  const release = osRelease();
  const facts: Record<string, unknown> = {
    distribution: nameFromId((release.ID ?? '').toLowerCase()),
    distribution_version: release.VERSION_ID || 'NA',
    distribution_release: release.VERSION_CODENAME ?? 'NA',
  };
  const text = readText('/etc/os-release') ?? '';
  if (release.ID === 'debian' || /Debian|Raspbian/.test(text)) {
    const best = /(\d+)\.(\d+)/.exec(readText('/etc/debian_version') ?? '');
    if (best) {
      facts.distribution_version = best[0];
      facts.distribution_minor_version = best[2];
    }
    const codename = /PRETTY_NAME=[^(]+ \(?([^)]+?)\)/.exec(text);
    Object.assign(facts, {
      distribution: 'Debian',
      ...(codename ? { distribution_release: codename[1] } : {}),
      distribution_file_path: '/etc/os-release',
      distribution_file_variety: 'Debian',
      distribution_file_parsed: true,
    });
  } else if (release.ID === 'ubuntu') {
    Object.assign(facts, {
      distribution: 'Ubuntu',
      distribution_file_path: '/etc/os-release',
      distribution_file_variety: 'Debian',
      distribution_file_parsed: true,
    });
  } else if (release.ID === 'alpine') {
    Object.assign(facts, {
      distribution_version: readText('/etc/alpine-release') ?? facts.distribution_version,
      distribution_file_path: '/etc/alpine-release',
      distribution_file_variety: 'Alpine',
      distribution_file_parsed: true,
    });
  }
  const version = String(facts.distribution_version);
  facts.distribution_major_version = version.split('.')[0] || 'NA';
  if (!('distribution_minor_version' in facts) && version.includes('.'))
    facts.distribution_minor_version = version.split('.')[1];
  facts.os_family = FAMILY[String(facts.distribution)] ?? facts.distribution;
  return facts;
});

/** The `lsb` collector: `lsb_release -a`, else `/etc/lsb-release` (empty when neither exists). */
export const lsbFacts = once((): Record<string, unknown> => {
  const lsb: Record<string, string> = {};
  const bin = findExecutable('lsb_release');
  const labels: Record<string, string> = {
    'LSB Version': 'release',
    'Distributor ID': 'id',
    Description: 'description',
    Release: 'release',
    Codename: 'codename',
  };
  for (const line of (bin ? commandOutput(bin, ['-a']) : undefined)?.split('\n') ?? []) {
    const key = labels[line.split(':')[0]];
    if (key && line.includes(':')) lsb[key] = line.slice(line.indexOf(':') + 1).trim();
  }
  if (Object.keys(lsb).length === 0) {
    const names: Record<string, string> = {
      DISTRIB_ID: 'id',
      DISTRIB_RELEASE: 'release',
      DISTRIB_DESCRIPTION: 'description',
      DISTRIB_CODENAME: 'codename',
    };
    for (const line of readLines('/etc/lsb-release')) {
      const key = names[line.split('=')[0]];
      if (key) lsb[key] = line.slice(line.indexOf('=') + 1).trim();
    }
  }
  if (lsb.release !== undefined) lsb.major_release = lsb.release.split('.')[0];
  for (const [k, v] of Object.entries(lsb)) if (v) lsb[k] = v.replace(/^["']+|["']+$/g, '');
  return { lsb };
});
