import { isVaulted } from '../vault/index.js';
import { isUnsafe } from './unsafe.js';

/** Whether a string holds Jinja (`{{`, `{%` or `{#`): strings without it are used as they are, unrendered. */
export function hasTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

/** Whether any string inside a value (deeply; bytes excepted) holds Jinja, so a variable must render lazily. */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplate(value);
  if (isUnsafe(value)) return false;
  if (isVaulted(value)) return true;
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.values(value).some(containsTemplate);
  return false;
}
