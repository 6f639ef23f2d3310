/**
 * Whether a value written in a playbook holds `{{` or `{%` anywhere (deeply): it is only known at run time, so
 * load-time checks leave it alone. (Unlike the Templar's check, a lone `{#` comment does not count.)
 */
export function isTemplated(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%');
  if (Array.isArray(value)) return value.some(isTemplated);
  if (value && typeof value === 'object') return Object.values(value).some(isTemplated);
  return false;
}

/**
 * Whether a value is plain data the templar would return unchanged: no `{{`, `{%` or `{#` in any string and no
 * inline `!vault` value. Only such arguments are checked once at compile time and never rendered again.
 */
export function isStatic(value: unknown): boolean {
  if (typeof value === 'string') return !/\{[{%#]/.test(value);
  if (Array.isArray(value)) return value.every(isStatic);
  if (value && typeof value === 'object')
    return !('__vault__' in value) && Object.values(value).every(isStatic);
  return true;
}
