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
