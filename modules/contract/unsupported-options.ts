import { z } from 'zod';
import { parseBoolean } from '../ansible-boolean.js';

/**
 * Options Ansible documents for a module that Spindle's native code does not implement, each with the value that
 * means "not used" (Ansible's default; `null` when it has none). The schema accepts them (so a playbook written
 * for Ansible loads), and `runModule` fails the task naming the option when one is given another value: never
 * silently ignored. docs/modules/<name>.md lists them per module.
 */
export type UnsupportedOptions = Readonly<Record<string, string | number | boolean | null>>;

/** The schema entries of unsupported options, spread into a module's object schema. */
export function unsupportedOptions<const O extends UnsupportedOptions>(
  options: O,
): { [K in keyof O]: z.ZodOptional<z.ZodUnknown> } {
  return Object.fromEntries(Object.keys(options).map((name) => [name, z.unknown().optional()])) as {
    [K in keyof O]: z.ZodOptional<z.ZodUnknown>;
  };
}

/** The first unsupported option a task gives a value other than its default, if any. */
export function usedUnsupported(options: UnsupportedOptions, args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const given = args as Record<string, unknown>;
  return Object.keys(options).find((name) => {
    const value = given[name];
    if (value == null || (Array.isArray(value) && value.length === 0)) return false;
    const fallback = options[name];
    if (typeof fallback === 'boolean') return parseBoolean(value) !== fallback;
    return fallback === null || String(value) !== String(fallback);
  });
}

/** The message of a task that gave a value to an option the native module does not implement. */
export function unsupportedMessage(module: string, option: string): string {
  return `${module}: option \`${option}\` is not supported by Spindle's native ${module} module (see docs/modules/${module}.md); remove it or run Ansible's module`;
}
