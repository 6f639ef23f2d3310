import os from 'node:os';
import { readLines } from './host-files.js';

/** The `env` collector: the environment of the process that gathers, with the task's `environment:` applied. */
export function envFacts(context: { environment?: Record<string, string> }): Record<string, unknown> {
  return { env: { ...process.env, ...context.environment } };
}

/** The `user` collector: the login user's passwd entry and the process's real and effective ids. */
export function userFacts(): Record<string, unknown> {
  const info = os.userInfo();
  const entry =
    readLines('/etc/passwd')
      .map((l) => l.split(':'))
      .find((f) => f[0] === info.username) ??
    readLines('/etc/passwd')
      .map((l) => l.split(':'))
      .find((f) => Number(f[2]) === info.uid);
  return {
    user_id: info.username,
    user_uid: entry ? Number(entry[2]) : info.uid,
    user_gid: entry ? Number(entry[3]) : info.gid,
    user_gecos: entry?.[4] ?? '',
    user_dir: entry?.[5] ?? info.homedir,
    user_shell: entry?.[6] ?? info.shell ?? '',
    real_user_id: process.getuid?.() ?? info.uid,
    effective_user_id: process.geteuid?.() ?? info.uid,
    real_group_id: process.getgid?.() ?? info.gid,
    effective_group_id: process.getgid?.() ?? info.gid,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local time zone's abbreviation at `date` (`UTC`, `CET`, or `GMT+1` where the locale has no name). */
function zoneName(date: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UTC';
}

/** The `date_time` collector: now, in local time and UTC, as the strings Python's strftime gives. */
export function dateTimeFacts(now = new Date()): Record<string, unknown> {
  const epoch = String(Math.floor(now.getTime() / 1000));
  const micro = pad(now.getMilliseconds(), 3) + '000';
  const startOfYear = new Date(now.getFullYear(), 0, 1);
  const yearDay = Math.floor(
    (now.getTime() - startOfYear.getTime()) / 86400000 +
      (startOfYear.getTimezoneOffset() - now.getTimezoneOffset()) / 1440,
  );
  const mondayWeek = Math.floor((yearDay + 7 - ((now.getDay() + 6) % 7)) / 7);
  const offset = -now.getTimezoneOffset();
  const january = new Date(now.getFullYear(), 0, 1);
  const july = new Date(now.getFullYear(), 6, 1);
  const dst =
    january.getTimezoneOffset() > july.getTimezoneOffset()
      ? july
      : january.getTimezoneOffset() < july.getTimezoneOffset()
        ? january
        : undefined;
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  const basic = `${date.replaceAll('-', '')}T${time.replaceAll(':', '')}`;
  const iso = now.toISOString();
  return {
    date_time: {
      year: String(now.getFullYear()),
      month: pad(now.getMonth() + 1),
      weekday: now.toLocaleDateString('en-US', { weekday: 'long' }),
      weekday_number: String(now.getDay()),
      weeknumber: pad(mondayWeek),
      day: pad(now.getDate()),
      hour: pad(now.getHours()),
      minute: pad(now.getMinutes()),
      second: pad(now.getSeconds()),
      epoch,
      epoch_int: epoch,
      date,
      time,
      iso8601_micro: `${iso.slice(0, 19)}.${micro}Z`,
      iso8601: `${iso.slice(0, 19)}Z`,
      iso8601_basic: `${basic}${micro}`,
      iso8601_basic_short: basic,
      tz: zoneName(now),
      tz_dst: zoneName(dst ?? now),
      tz_offset: `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`,
    },
  };
}
