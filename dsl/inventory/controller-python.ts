import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

let python: string | undefined;

/**
 * `ansible_playbook_python` (and the implicit localhost's interpreter): Ansible's own interpreter. Spindle has
 * none, so it is the system's `/usr/bin/python3` (what Debian's ansible-playbook runs on), else the first
 * `python3` (then `python`) on the controller's PATH — what inventories setting
 * `ansible_python_interpreter: "{{ ansible_playbook_python }}"` mean.
 */
export function playbookPython(): string {
  if (python !== undefined) return python;
  python = '/usr/bin/python3';
  if (existsSync(python)) return python;
  for (const name of ['python3', 'python'])
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) {
        python = candidate;
        return python;
      }
    }
  return python;
}
