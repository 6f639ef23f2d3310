import { withKeywords } from './filter-keywords.js';
import { formatTime, PyDateTime, timeFields } from './python-datetime.js';

/** A naive local datetime for an instant, as Python's `datetime.fromtimestamp()` and `datetime.now()` give. */
export function localDateTime(ms: number): PyDateTime {
  return new PyDateTime(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

const nowWithKeywords = withKeywords(['utc', 'fmt'], (_unused: never, utc?: unknown, fmt?: unknown) => {
  const ms = Date.now();
  if (typeof fmt === 'string' && fmt !== '') return formatTime(fmt, timeFields(ms, Boolean(utc)));
  return utc ? new PyDateTime(ms) : localDateTime(ms);
});

/**
 * Ansible's template global `now(utc=False, fmt=None)`: the current time as a naive datetime (local, or UTC when
 * `utc`), or its text through strftime when `fmt` is given.
 */
export function now(...args: unknown[]): unknown {
  return nowWithKeywords(undefined, ...args);
}
