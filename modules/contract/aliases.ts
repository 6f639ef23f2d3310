import { z } from 'zod';

/** The alias maps of schemas built by `withAliases`, so the compiler can map an alias to its argument. */
const aliasMaps = new WeakMap<z.ZodType, Readonly<Record<string, string>>>();

/** Wraps an object schema so Ansible's argument aliases (`dest` for `path` …) map to the canonical name. */
export function withAliases<T extends z.ZodTypeAny>(
  schema: T,
  aliases: Record<string, string>,
): z.ZodPipe<z.ZodTransform<unknown, unknown>, T> {
  const wrapped = z
    .transform((input: unknown) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
      const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
      for (const [alias, canonical] of Object.entries(aliases)) {
        if (alias in out && !(canonical in out)) out[canonical] = out[alias];
        delete out[alias];
      }
      return out;
    })
    .pipe(schema);
  aliasMaps.set(wrapped, Object.freeze({ ...aliases }));
  return wrapped;
}

/** The argument aliases of a module schema (`{dest: 'path'}`), empty when it was not built by `withAliases`. */
export function argumentAliases(schema: z.ZodType): Readonly<Record<string, string>> {
  return aliasMaps.get(schema) ?? {};
}
