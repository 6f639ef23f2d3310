/**
 * Python's `datetime`/`timedelta` as templates meet them through Ansible's `to_datetime` filter, and C's
 * strftime/strptime (C locale) for the `strftime` and `to_datetime` filters. Datetimes are naive, as Python's
 * are: their fields are kept as UTC so a parsed value prints back the same whatever the controller's zone.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The broken-down time strftime formats. */
export interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** 0 = Sunday, as C's `tm_wday`. */
  wday: number;
  /** Minutes east of UTC. */
  offset: number;
  zone: string;
  epoch: number;
}

/** The fields of an instant in UTC or in the controller's local zone. */
export function timeFields(ms: number, utc: boolean): TimeFields {
  const d = new Date(ms);
  const offset = utc ? 0 : -d.getTimezoneOffset();
  const shifted = new Date(ms + offset * 60_000);
  const zone = utc
    ? 'UTC'
    : (new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
        .formatToParts(d)
        .find((p) => p.type === 'timeZoneName')?.value ?? '');
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    microsecond: Math.round((((ms % 1000) + 1000) % 1000) * 1000),
    wday: shifted.getUTCDay(),
    offset,
    zone,
    epoch: Math.floor(ms / 1000),
  };
}

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** C's strftime in the C locale for the common directives (`%Y-%m-%d %H:%M:%S`, `%a`, `%b`, `%j`, `%s` …). */
export function formatTime(format: string, t: TimeFields): string {
  const yday = Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000) + 1;
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const sign = t.offset < 0 ? '-' : '+';
  const directives: Record<string, () => string> = {
    Y: () => String(t.year),
    y: () => pad(t.year % 100),
    m: () => pad(t.month),
    d: () => pad(t.day),
    e: () => pad(t.day, 2, ' '),
    H: () => pad(t.hour),
    I: () => pad(hour12),
    M: () => pad(t.minute),
    S: () => pad(t.second),
    f: () => pad(t.microsecond, 6),
    p: () => (t.hour < 12 ? 'AM' : 'PM'),
    a: () => DAYS[t.wday].slice(0, 3),
    A: () => DAYS[t.wday],
    w: () => String(t.wday),
    u: () => String(t.wday === 0 ? 7 : t.wday),
    b: () => MONTHS[t.month - 1].slice(0, 3),
    h: () => MONTHS[t.month - 1].slice(0, 3),
    B: () => MONTHS[t.month - 1],
    j: () => pad(yday, 3),
    z: () => `${sign}${pad(Math.floor(Math.abs(t.offset) / 60))}${pad(Math.abs(t.offset) % 60)}`,
    Z: () => t.zone,
    s: () => String(t.epoch),
    F: () => `${t.year}-${pad(t.month)}-${pad(t.day)}`,
    T: () => `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`,
    D: () => `${pad(t.month)}/${pad(t.day)}/${pad(t.year % 100)}`,
    c: () =>
      `${DAYS[t.wday].slice(0, 3)} ${MONTHS[t.month - 1].slice(0, 3)} ${pad(t.day, 2, ' ')} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${t.year}`,
    x: () => `${pad(t.month)}/${pad(t.day)}/${pad(t.year % 100)}`,
    X: () => `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`,
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(.)/gs, (whole, d: string) => directives[d]?.() ?? whole);
}

/** Python's `datetime.strptime` for `%Y %y %m %d %H %I %M %S %f %p %b %B %a %A %j %z %%`; naive result. */
export function parseTime(text: string, format: string): PyDateTime {
  const names: string[] = [];
  const patterns: Record<string, string> = {
    Y: '(\\d{4})',
    y: '(\\d{2})',
    m: '(\\d{1,2})',
    d: '(\\d{1,2})',
    H: '(\\d{1,2})',
    I: '(\\d{1,2})',
    M: '(\\d{1,2})',
    S: '(\\d{1,2})',
    f: '(\\d{1,6})',
    p: '(AM|PM)',
    b: '([A-Za-z]{3})',
    B: '([A-Za-z]+)',
    a: '(?:[A-Za-z]{3})',
    A: '(?:[A-Za-z]+)',
    j: '(\\d{1,3})',
    z: '([+-]\\d{2}:?\\d{2}|Z)',
  };
  let source = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i];
      if (d === '%') source += '%';
      else if (patterns[d]) {
        source += patterns[d];
        if (!patterns[d].startsWith('(?:')) names.push(d);
      } else throw new Error(`to_datetime: unsupported directive %${d} in ${JSON.stringify(format)}`);
    } else source += /\s/.test(c) ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const match = new RegExp(`^${source}$`, 'i').exec(text);
  if (!match)
    throw new Error(`time data ${JSON.stringify(text)} does not match format ${JSON.stringify(format)}`);
  const v: Record<string, string> = {};
  names.forEach((name, i) => {
    v[name] = match[i + 1];
  });
  const monthName = (name: string) =>
    MONTHS.findIndex((m) => m.toLowerCase().startsWith(name.toLowerCase())) + 1;
  const year = v.Y ? Number(v.Y) : v.y ? 2000 + Number(v.y) - (Number(v.y) >= 69 ? 100 : 0) : 1900;
  const month = v.m ? Number(v.m) : v.b ? monthName(v.b) : v.B ? monthName(v.B) : 1;
  let hour = Number(v.H ?? v.I ?? 0);
  if (v.p) hour = (hour % 12) + (v.p.toUpperCase() === 'PM' ? 12 : 0);
  const micro = v.f ? Number(v.f.padEnd(6, '0')) : 0;
  let ms = Date.UTC(year, month - 1, Number(v.d ?? 1), hour, Number(v.M ?? 0), Number(v.S ?? 0));
  if (v.j) ms = Date.UTC(year, 0, Number(v.j), hour, Number(v.M ?? 0), Number(v.S ?? 0));
  const check = new Date(ms);
  if (check.getUTCMonth() + 1 !== month && !v.j) throw new Error(`day is out of range for month in ${text}`);
  return new PyDateTime(ms + micro / 1000);
}

/** A naive Python `datetime`: attributes `year` … `microsecond`, `strftime()`, `isoformat()`, `timestamp()`. */
export class PyDateTime extends Date {
  private get fields(): TimeFields {
    return timeFields(this.getTime(), true);
  }
  get year(): number {
    return this.getUTCFullYear();
  }
  get month(): number {
    return this.getUTCMonth() + 1;
  }
  get day(): number {
    return this.getUTCDate();
  }
  get hour(): number {
    return this.getUTCHours();
  }
  get minute(): number {
    return this.getUTCMinutes();
  }
  get second(): number {
    return this.getUTCSeconds();
  }
  get microsecond(): number {
    return this.fields.microsecond;
  }
  strftime(format: string): string {
    return formatTime(format, { ...this.fields, zone: '', offset: 0 });
  }
  isoformat(sep = 'T'): string {
    const f = this.fields;
    return this.strftime(`%Y-%m-%d${sep}%H:%M:%S`) + (f.microsecond ? `.${pad(f.microsecond, 6)}` : '');
  }
  weekday(): number {
    return (this.getUTCDay() + 6) % 7;
  }
  isoweekday(): number {
    return this.weekday() + 1;
  }
  /** Seconds since the epoch, reading the naive value as local time (Python's `timestamp()` does). */
  timestamp(): number {
    const local = new Date(this.year, this.month - 1, this.day, this.hour, this.minute, this.second);
    return local.getTime() / 1000 + this.microsecond / 1e6;
  }
  override toString(): string {
    return this.isoformat(' ');
  }
  override toJSON(): string {
    return this.isoformat();
  }
}

/** Python's `timedelta`: `days`, `seconds`, `microseconds`, `total_seconds()`; prints as `1 day, 2:03:04`. */
export class PyTimedelta {
  constructor(readonly milliseconds: number) {}
  get days(): number {
    return Math.floor(this.milliseconds / 86_400_000);
  }
  get seconds(): number {
    return Math.floor((this.milliseconds - this.days * 86_400_000) / 1000);
  }
  get microseconds(): number {
    return Math.round((this.milliseconds - Math.floor(this.milliseconds / 1000) * 1000) * 1000);
  }
  total_seconds(): number {
    return this.milliseconds / 1000;
  }
  toString(): string {
    const s = this.seconds;
    const clock = `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    const micro = this.microseconds ? `.${pad(this.microseconds, 6)}` : '';
    if (this.days === 0) return clock + micro;
    return `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${clock}${micro}`;
  }
  toJSON(): string {
    return this.toString();
  }
}
