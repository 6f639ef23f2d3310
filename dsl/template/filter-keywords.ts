/**
 * nunjucks passes keyword arguments (`dict2items(key_name='k')`) as one trailing object marked `__keywords`;
 * Jinja2 maps them onto the filter's parameters by name. `withKeywords` does that mapping for a filter or test
 * whose parameters after the input value are `names`, so both call styles reach the same positions.
 */
export function withKeywords<R>(
  names: string[],
  fn: (value: never, ...args: never[]) => R,
): (value: unknown, ...args: unknown[]) => R {
  return (value: unknown, ...args: unknown[]) => {
    const last = args[args.length - 1] as Record<string, unknown> | undefined;
    if (last && typeof last === 'object' && last.__keywords === true) {
      args.pop();
      for (const [key, arg] of Object.entries(last)) {
        if (key === '__keywords') continue;
        const index = names.indexOf(key);
        if (index < 0) throw new TypeError(`unexpected keyword argument '${key}'`);
        args[index] = arg;
      }
    }
    return (fn as unknown as (...all: unknown[]) => R)(value, ...args);
  };
}
