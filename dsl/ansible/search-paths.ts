import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

/** Where Ansible's Python code lives on the controller: ansible-core and the folders holding collections. */
export interface AnsibleSearchPaths {
  /** The folder holding `ansible/` (ansible-core), if installed. */
  core?: string;
  /** Folders that hold an `ansible_collections/` folder, in Ansible's precedence order. */
  collectionRoots: string[];
}

/** Python's library folders on this controller (Debian dist-packages, site-packages, PYTHONPATH), existing only. */
function pythonLibraryDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.PYTHONPATH ?? '').split(delimiter).filter(Boolean);
  for (const base of ['/usr/local/lib', '/usr/lib', join(homedir(), '.local', 'lib')]) {
    let names: string[] = [];
    try {
      names = readdirSync(base).filter((n) => /^python3(\.\d+)?$/.test(n));
    } catch {}
    for (const name of names.sort().reverse())
      dirs.push(join(base, name, 'dist-packages'), join(base, name, 'site-packages'));
  }
  return [...new Set(dirs)].filter((d) => existsSync(d));
}

/** `[defaults]` settings of the ansible.cfg Ansible would read (ANSIBLE_CONFIG, ./, ~/, /etc/ansible/). */
function configDefaults(env: NodeJS.ProcessEnv, cwd: string): Record<string, string> {
  const candidates = [env.ANSIBLE_CONFIG, join(cwd, 'ansible.cfg'), join(homedir(), '.ansible.cfg')];
  candidates.push('/etc/ansible/ansible.cfg');
  for (const file of candidates) {
    if (!file) continue;
    const path = existsSync(join(file, 'ansible.cfg')) ? join(file, 'ansible.cfg') : file;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const out: Record<string, string> = {};
    let section = '';
    for (const line of text.split(/\r?\n/)) {
      const header = /^\s*\[([^\]]+)\]/.exec(line);
      if (header) section = header[1].trim().toLowerCase();
      const pair = /^\s*([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
      if (pair && section === 'defaults') out[pair[1].toLowerCase()] = pair[2];
    }
    return out;
  }
  return {};
}

const falsy = (value: string | undefined) =>
  value !== undefined && /^(0|no|false|off|n)$/i.test(value.trim());

/**
 * Ansible's search order for modules: `ANSIBLE_COLLECTIONS_PATH` (or ansible.cfg `collections_path`, default
 * ~/.ansible/collections and /usr/share/ansible/collections), a `collections/` folder beside the playbook first,
 * then Python's library folders unless `collections_scan_sys_path` is false.
 */
export function ansibleSearchPaths(
  playbookDir: string,
  env = process.env,
  cwd = process.cwd(),
): AnsibleSearchPaths {
  const cfg = configDefaults(env, cwd);
  const configured =
    env.ANSIBLE_COLLECTIONS_PATH ??
    env.ANSIBLE_COLLECTIONS_PATHS ??
    cfg.collections_path ??
    cfg.collections_paths ??
    `~/.ansible/collections${delimiter}/usr/share/ansible/collections`;
  const home = (p: string) => (p.startsWith('~') ? join(homedir(), p.slice(1)) : resolve(cwd, p));
  const roots = [join(playbookDir, 'collections'), ...configured.split(/[:,]/).filter(Boolean).map(home)];
  const python = pythonLibraryDirs(env);
  const scan = env.ANSIBLE_COLLECTIONS_SCAN_SYS_PATH ?? cfg.collections_scan_sys_path;
  if (!falsy(scan)) roots.push(...python);
  const core = python.find((dir) => existsSync(join(dir, 'ansible', 'modules')));
  return {
    core,
    collectionRoots: [...new Set(roots)].filter((r) => existsSync(join(r, 'ansible_collections'))),
  };
}
