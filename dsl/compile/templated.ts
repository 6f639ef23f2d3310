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
