import { readFileSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { localDateTime } from './now.js';

/** Ansible's default `ansible_managed` text (its `DEFAULT_MANAGED_STR`). */
const MANAGED = 'Ansible managed';

/**
 * The variables Ansible defines while rendering a template file, in the `template` module and the `template`
 * lookup alike: `template_host`, `template_path` (as the task named it), `template_fullpath` (the file found),
 * `template_mtime` and `template_run_date` (datetimes), `template_uid` (the file owner's name),
 * `template_destpath` (the module's `dest`, else None) and `ansible_managed`.
 */
export function templateFileVariables(
  path: string,
  fullpath: string,
  dest?: string,
): Record<string, unknown> {
  let owner: number | undefined;
  let mtime = Date.now();
  try {
    const stat = statSync(fullpath);
    owner = stat.uid;
    mtime = stat.mtimeMs;
  } catch {
    // the render reports a missing file itself
  }
  const me = userInfo();
  return {
    template_host: hostname(),
    template_path: path,
    template_fullpath: resolve(fullpath),
    template_mtime: localDateTime(mtime),
    template_uid: owner === undefined || owner === me.uid ? me.username : userName(owner),
    template_run_date: localDateTime(Date.now()),
    template_destpath: dest ?? null,
    ansible_managed: MANAGED,
  };
}

/** The name /etc/passwd gives a uid, else the uid as text (Python's `pwd.getpwuid` fallback in Ansible). */
function userName(uid: number): string {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.split(':')[2] === String(uid));
    if (line) return line.split(':')[0];
  } catch {
    // no passwd file: the number stands
  }
  return String(uid);
}
