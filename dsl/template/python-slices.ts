import { PyDateTime, PyTimedelta } from './python-datetime.js';
import { requireDefined } from './python-runtime.js';

/** Python's slice `seq[start:stop:step]` on a list or a string (by code point); `None` bounds take the defaults. */
export function pySlice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const isString = typeof seq === 'string';
  if (!isString && !Array.isArray(seq))
    throw new TypeError(`cannot slice ${seq === null || seq === undefined ? 'None' : typeof seq}`);
  const items: unknown[] = isString ? Array.from(seq) : seq;
  const by = bound(step, 'step') ?? 1;
  if (by === 0) throw new RangeError('slice step cannot be zero');
  const length = items.length;
  const [lower, upper] = by > 0 ? [0, length] : [-1, length - 1];
  const clamp = (value: number) => (value < 0 ? Math.max(value + length, lower) : Math.min(value, upper));
  const from = bound(start, 'start');
  const to = bound(stop, 'stop');
  const first = from === undefined ? (by > 0 ? lower : upper) : clamp(from);
  const last = to === undefined ? (by > 0 ? upper : lower) : clamp(to);
  const out: unknown[] = [];
  for (let i = first; by > 0 ? i < last : i > last; i += by) out.push(items[i]);
  return isString ? out.join('') : out;
}

function bound(value: unknown, name: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`slice ${name} must be an integer or None`);
  return value;
}

/** `a - b` as Python computes it: numbers subtract; two datetimes give a timedelta; a datetime minus a timedelta. */
export function pySubtract(a: unknown, b: unknown): unknown {
  requireDefined(a, b);
  if (a instanceof PyDateTime && b instanceof PyDateTime) return new PyTimedelta(a.getTime() - b.getTime());
  if (a instanceof PyDateTime && b instanceof PyTimedelta)
    return new PyDateTime(a.getTime() - b.milliseconds);
  // biome-ignore lint/suspicious/noExplicitAny: everything else keeps JavaScript's `-`, as nunjucks compiled it
  return (a as any) - (b as any);
}
