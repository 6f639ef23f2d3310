/**
 * What built-in modules get for `zod` on a remote context (DESIGN.md §4.5): the controller validates their
 * arguments with the real schemas before the call, so the remote side only has to *build* the schema
 * expressions at load time, never run them. Every property and call returns the same inert object; shipping it
 * instead of zod saves each context ~450 KB of code to receive, compile and run. `safeParse` fails loudly, so a
 * call that skipped the controller's validation says so instead of misbehaving.
 */
const refusal = {
  success: false,
  error: {
    issues: [
      {
        path: [] as string[],
        message: 'built-in module arguments are validated on the controller; this call skipped that step',
      },
    ],
  },
};

const inert: unknown = new Proxy(() => {}, {
  get: (_target, key) => {
    if (key === 'safeParse') return () => refusal;
    if (key === 'parse')
      return () => {
        throw new Error(refusal.error.issues[0].message);
      };
    if (key === Symbol.toPrimitive || key === 'then') return undefined;
    return inert;
  },
  apply: () => inert,
  construct: () => inert as object,
});

/** The stand-in for `z` (and for every other named export of zod). */
export const z = inert;
export default inert;
