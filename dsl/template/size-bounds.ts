/**
 * Bounds on what one template expression may build, so a hostile or mistaken expression fails its task
 * with a clear message instead of exhausting the controller's memory (a V8 fatal error ends the whole run):
 * `range()` builds at most MAX_RANGE_LENGTH numbers, and padding filters (`center`, `indent`) add at most
 * MAX_PADDING characters.
 */

/** The most numbers `range()` may produce (Jinja2's sandbox uses a smaller bound; Ansible's has none). */
export const MAX_RANGE_LENGTH = 10_000_000;
/** The widest padding `center` and `indent` may add. */
export const MAX_PADDING = 1_000_000;

interface FilterEnv {
  addGlobal(name: string, value: unknown): unknown;
  addFilter(name: string, fn: (...args: never[]) => unknown): unknown;
  getFilter(name: string): (...args: unknown[]) => unknown;
}

/** Python's `range(stop)` / `range(start, stop[, step])`, refusing more than MAX_RANGE_LENGTH items. */
export function boundedRange(start: number, stop?: number, step?: number): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  step ??= 1;
  if (![start, stop, step].every(Number.isFinite)) throw new TypeError('range() arguments must be numbers');
  if (step === 0) throw new RangeError('range() arg 3 must not be zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  if (length > MAX_RANGE_LENGTH)
    throw new RangeError(
      `range() of ${length} items is over the limit of ${MAX_RANGE_LENGTH} (it would exhaust the controller's memory)`,
    );
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = start + i * step;
  return out;
}

/** Replaces nunjucks' `range` and wraps its padding filters with the bounds above. */
export function installSizeBounds(env: FilterEnv): void {
  env.addGlobal('range', boundedRange);
  for (const name of ['center', 'indent']) {
    const original = env.getFilter(name);
    env.addFilter(name, ((value: unknown, width: unknown, ...rest: unknown[]) => {
      if (typeof width === 'number' && width > MAX_PADDING)
        throw new RangeError(`${name}: a width of ${width} is over the limit of ${MAX_PADDING} characters`);
      return original(value, width, ...rest);
    }) as (...args: never[]) => unknown);
  }
}
