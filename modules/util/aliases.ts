import { z } from 'zod';

/** Wraps an object schema so Ansible's argument aliases (`dest` for `path` …) map to the canonical name. */
export function withAliases<T extends z.ZodTypeAny>(
  schema: T,
  aliases: Record<string, string>,
): z.ZodPipe<z.ZodTransform<unknown, unknown>, T> {
  return z
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
}
