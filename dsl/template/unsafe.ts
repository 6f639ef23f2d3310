/** Values that are data, never templates: what modules returned (registered results), as Ansible's unsafe. */
const unsafeValues = new WeakSet<object>();

/**
 * Marks a value (an object or array, deeply) as never to be templated again: a registered result whose
 * `stdout` or message holds `{{` stays text when the variable is used, as Ansible wraps results unsafe.
 */
export function markUnsafe<T>(value: T): T {
  if (value === null || typeof value !== 'object' || unsafeValues.has(value)) return value;
  unsafeValues.add(value);
  for (const inner of Object.values(value)) markUnsafe(inner);
  return value;
}

/** Whether a value was marked with `markUnsafe` (the templar returns it as it is). */
export function isUnsafe(value: unknown): boolean {
  return value !== null && typeof value === 'object' && unsafeValues.has(value);
}

const RAW_OPEN = '{% raw %}';
const RAW_CLOSE = '{% endraw %}';

/**
 * `!unsafe` text as a template that renders to itself: a `{% raw %}` block when it holds template markers, so
 * every rendering gives the text as written, as Ansible's unsafe strings are never templated.
 */
export function unsafeText(value: string): string {
  if (!/\{[{%#]/.test(value)) return value;
  return value
    .split(RAW_CLOSE)
    .map((part) => `${RAW_OPEN}${part}${RAW_CLOSE}`)
    .join(`{{ '${RAW_CLOSE}' }}`);
}

/** Whether a value written in a playbook is `!unsafe` text with template markers (see `unsafeText`). */
export function isUnsafeText(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(RAW_OPEN) && value.endsWith(RAW_CLOSE);
}
