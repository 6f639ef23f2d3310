import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** A parsed ansible.cfg: lower-cased section → key → raw value, plus where it came from. */
export interface AnsibleConfig {
  path?: string;
  sections: Record<string, Record<string, string>>;
}

/**
 * Parses ansible.cfg's INI dialect (Python configparser as Ansible uses it): `[section]`, `key = value` or
 * `key: value`, whole-line `#`/`;` comments, inline `;` comments, indented continuation lines. Pure.
 */
export function parseAnsibleConfig(text: string, path?: string): AnsibleConfig {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (section) {
      const name = section[1].trim().toLowerCase();
      current = sections[name] ??= {};
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current[lastKey] += `\n${raw.trim()}`;
      continue;
    }
    const pair = /^\s*([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair || !current) continue;
    lastKey = pair[1].toLowerCase();
    current[lastKey] = pair[2].replace(/\s;.*$/, '').trim();
  }
  return { path, sections };
}

/** What `findConfigFile` may touch: tests pass fakes, the CLI passes the real process. */
export interface ConfigLookup {
  env: Record<string, string | undefined>;
  cwd: string;
  home?: string;
  /** File mode bits and kind, or undefined when the path does not exist. */
  stat?(path: string): { isFile: boolean; isDirectory: boolean; mode: number } | undefined;
  warn?(message: string): void;
}

function realStat(path: string): { isFile: boolean; isDirectory: boolean; mode: number } | undefined {
  try {
    const s = statSync(path);
    return { isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode };
  } catch {
    return undefined;
  }
}

/**
 * Ansible's search order, first found wins: `ANSIBLE_CONFIG` (a file, or a folder holding ansible.cfg),
 * `./ansible.cfg` (ignored with a warning when the folder is world-writable, as Ansible does),
 * `~/.ansible.cfg`, `/etc/ansible/ansible.cfg`.
 */
export function findConfigFile(lookup: ConfigLookup): string | undefined {
  const stat = lookup.stat ?? realStat;
  const explicit = lookup.env.ANSIBLE_CONFIG;
  if (explicit) {
    const path = resolve(lookup.cwd, explicit);
    const s = stat(path);
    if (s?.isDirectory && stat(join(path, 'ansible.cfg'))?.isFile) return join(path, 'ansible.cfg');
    if (s?.isFile) return path;
  }
  const local = join(lookup.cwd, 'ansible.cfg');
  if (stat(local)?.isFile) {
    const dir = stat(lookup.cwd);
    if (dir && (dir.mode & 0o002) !== 0) {
      lookup.warn?.(
        `Ansible is being run in a world writable directory (${lookup.cwd}), ignoring it as an ansible.cfg source.`,
      );
    } else return local;
  }
  const home = lookup.home ?? homedir();
  const user = join(home, '.ansible.cfg');
  if (stat(user)?.isFile) return user;
  if (stat('/etc/ansible/ansible.cfg')?.isFile) return '/etc/ansible/ansible.cfg';
  return undefined;
}
