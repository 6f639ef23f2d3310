import { z } from 'zod';

/**
 * Options Ansible documents for a module that Spindle's native code does not implement. The schema accepts them
 * (so a playbook written for Ansible loads), and `runModule` fails the task naming the option when one is given
 * a value: never silently ignored. docs/modules/<name>.md lists them per module.
 */
export function unsupportedOptions<const N extends readonly string[]>(
  names: N,
): { [K in N[number]]: z.ZodOptional<z.ZodUnknown> } {
  return Object.fromEntries(names.map((name) => [name, z.unknown().optional()])) as {
    [K in N[number]]: z.ZodOptional<z.ZodUnknown>;
  };
}

/** The message of a task that gave a value to an option the native module does not implement. */
export function unsupportedMessage(module: string, option: string): string {
  return `${module}: option \`${option}\` is not supported by Spindle's native ${module} module (see docs/modules/${module}.md); remove it or run Ansible's module`;
}
