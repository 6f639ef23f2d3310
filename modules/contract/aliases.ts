import { z } from 'zod';

/** The alias maps of schemas built by `withAliases`, so the compiler can map an alias to its argument. */
const aliasMaps = new WeakMap<z.ZodType, Readonly<Record<string, string>>>();

/** Type-only brand: the alias map of a schema built by `withAliases`, so builder types accept the aliases. */
declare const aliasMap: unique symbol;

/** A module schema whose aliases (`A`: alias → canonical name) are mapped before the object schema `T` runs. */
export type AliasedSchema<T extends z.ZodTypeAny, A extends Record<string, string>> = z.ZodPipe<
  z.ZodTransform<unknown, unknown>,
  T
> & { readonly [aliasMap]?: A };

/** The alias map type of a schema built by `withAliases` (`never` for other schemas). */
export type AliasesOf<S> = S extends { readonly [aliasMap]?: infer A } ? A : never;

/** The object schema inside a schema built by `withAliases` (the schema itself otherwise). */
export type UnaliasedOf<S> = S extends z.ZodPipe<z.ZodTransform<unknown, unknown>, infer T> ? T : S;

/** Wraps an object schema so Ansible's argument aliases (`dest` for `path` …) map to the canonical name. */
export function withAliases<T extends z.ZodTypeAny, const A extends Record<string, string>>(
  schema: T,
  aliases: A,
): AliasedSchema<T, A> {
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
  return wrapped as AliasedSchema<T, A>;
}

/** The argument aliases of a module schema (`{dest: 'path'}`), empty when it was not built by `withAliases`. */
export function argumentAliases(schema: z.ZodType): Readonly<Record<string, string>> {
  return aliasMaps.get(schema) ?? {};
}
