import { stat, utimes } from 'node:fs/promises';
import { ModuleFailure } from '../contract/define-module.js';

/**
 * A `modification_time`/`access_time` value as Ansible reads it: `now`, `preserve`, or a local time in the
 * default format `%Y%m%d%H%M.%S` (`202001011200.0`). Undefined means the state's default (`now` for touch).
 */
function timeOf(value: string | undefined, option: string, fallback: 'now' | 'preserve'): Date | 'preserve' {
  const given = value ?? fallback;
  if (given === 'preserve') return 'preserve';
  if (given === 'now') return new Date();
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{1,2})$/.exec(given);
  if (!m)
    throw new ModuleFailure(`Error while obtaining timestamp for time ${given} using format %Y%m%d%H%M.%S`, {
      [option]: given,
    });
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  return new Date(year, month - 1, day, hour, minute, second);
}

/** Whether a task asks for times other than the path's (touch defaults to `now`, other states to `preserve`). */
export function changesTimes(
  a: { modification_time?: string; access_time?: string },
  touch: boolean,
): boolean {
  const fallback = touch ? 'now' : 'preserve';
  return (a.modification_time ?? fallback) !== 'preserve' || (a.access_time ?? fallback) !== 'preserve';
}

/** Sets a path's access and modification times as the task asks, keeping what `preserve` keeps. */
export async function applyTimes(
  path: string,
  a: { modification_time?: string; access_time?: string },
  touch: boolean,
): Promise<void> {
  const fallback = touch ? 'now' : 'preserve';
  const mtime = timeOf(a.modification_time, 'modification_time', fallback);
  const atime = timeOf(a.access_time, 'access_time', fallback);
  if (mtime === 'preserve' && atime === 'preserve') return;
  const current = await stat(path);
  await utimes(
    path,
    atime === 'preserve' ? current.atime : atime,
    mtime === 'preserve' ? current.mtime : mtime,
  );
}
