import { didYouMean } from '../../suggest.js';
import { TemplateError } from '../template-error.js';
import { type LookupContext, LookupFailure, type LookupPlugin } from './context.js';
import { env, file, fileglob, firstFound, lines, pipe, template, vars } from './files.js';
import {
  dict,
  indexedItems,
  items,
  list,
  nested,
  randomChoice,
  subelementsLookup,
  together,
} from './lists.js';
import { bareLookupName, isLookupName, LOOKUP_NAMES } from './names.js';
import { password } from './password.js';
import { sequence } from './sequence.js';

export type { LookupContext } from './context.js';

const PLUGINS: Record<(typeof LOOKUP_NAMES)[number], LookupPlugin> = {
  items,
  list,
  dict,
  env,
  file,
  fileglob,
  template,
  vars,
  sequence,
  together,
  nested,
  subelements: subelementsLookup,
  first_found: firstFound,
  lines,
  pipe,
  indexed_items: indexedItems,
  random_choice: randomChoice,
  password,
};

/** Runs lookup plugin `name` on the controller (Ansible's `query`): always a list; errors name the plugin. */
export function runLookup(
  name: string,
  terms: unknown[],
  kwargs: Record<string, unknown>,
  ctx: LookupContext,
): unknown[] {
  const plugin = (PLUGINS as Record<string, LookupPlugin>)[bareLookupName(name)];
  if (!plugin)
    throw new TemplateError(
      'filter',
      `lookup plugin \`${name}\` not found${didYouMean(bareLookupName(name), [...LOOKUP_NAMES])} (Spindle has: ${LOOKUP_NAMES.join(', ')})`,
      ctx.where,
    );
  try {
    return plugin(terms, kwargs, ctx);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    const message = error instanceof LookupFailure ? error.message : (error as Error).message;
    throw new TemplateError('filter', `lookup \`${bareLookupName(name)}\` failed: ${message}`, ctx.where);
  }
}

/**
 * Ansible's `lookup()`: the `query` list, except that without `wantlist=True` a list of strings is joined
 * with commas and a one-item list gives its item.
 */
function lookupValue(result: unknown[]): unknown {
  if (result.every((v) => typeof v === 'string')) return result.join(',');
  return result.length === 1 ? result[0] : result;
}

/**
 * The `lookup(name, *terms, **kwargs)` (`wantlist` false) and `query(...)` template functions. nunjucks calls
 * globals with its render context as `this` (`this.ctx`: the variables) and keyword arguments as a trailing
 * `__keywords` object; `wantlist` and `errors` are Ansible's own keywords, the rest go to the plugin.
 */
export function lookupFunction(
  wantlist: boolean,
  contextFor: (vars: Record<string, unknown>) => LookupContext,
) {
  return function (this: { ctx?: Record<string, unknown> }, name: string, ...terms: unknown[]): unknown {
    const last = terms[terms.length - 1] as Record<string, unknown> | undefined;
    const {
      __keywords,
      wantlist: want,
      errors = 'strict',
      ...kwargs
    } = last && typeof last === 'object' && last.__keywords === true
      ? (terms.pop() as Record<string, unknown>)
      : {};
    const list = wantlist || (want !== undefined && want !== false && want !== 'false');
    let result: unknown[];
    try {
      result = runLookup(String(name), terms, kwargs, contextFor(this.ctx ?? {}));
    } catch (error) {
      if (errors === 'strict' || !(error instanceof TemplateError) || !isLookupName(String(name)))
        throw error;
      if (errors === 'warn') process.emitWarning(error.message);
      return list ? [] : null;
    }
    return list ? result : lookupValue(result);
  };
}
