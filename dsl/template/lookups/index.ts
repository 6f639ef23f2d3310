import { didYouMean } from '../../suggest.js';
import { hasTemplate } from '../has-template.js';
import { TemplateError } from '../template-error.js';
import { config } from './config.js';
import { type LookupContext, LookupFailure, type LookupPlugin } from './context.js';
import { csvfile } from './csvfile.js';
import { env, file, fileglob, lines, pipe, template, unvault } from './files.js';
import { firstFound } from './first-found.js';
import { ini } from './ini.js';
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
import { bareLookupName, LOOKUP_NAMES } from './names.js';
import { password } from './password.js';
import { sequence } from './sequence.js';
import { inventoryHostnames, url, varnames, vars } from './variables.js';

export type { LookupContext, SearchKind } from './context.js';

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
  config,
  csvfile,
  ini,
  inventory_hostnames: inventoryHostnames,
  unvault,
  url,
  varnames,
};

/** A `with_<lookup>` loop whose lookup failed: the task fails with the plugin's own message, as Ansible's. */
export class LoopLookupError extends Error {}

/**
 * Ansible's `listify_lookup_plugin_terms` for a `with_<lookup>` loop: a string or other scalar is a one-item
 * list; a mapping stays a mapping, which `with_dict` takes whole, `with_list`/`with_indexed_items` refuse and
 * the other plugins iterate (its keys).
 */
export function loopTerms(name: string, rendered: unknown): unknown[] {
  if (Array.isArray(rendered)) return rendered;
  if (rendered === null || typeof rendered !== 'object') return [rendered];
  const bare = bareLookupName(name);
  if (bare === 'indexed_items') throw new LoopLookupError('with_indexed_items expects a list');
  if (bare === 'list') throw new LoopLookupError('with_list expects a list');
  return bare === 'dict' ? [rendered] : Object.keys(rendered);
}

function pluginFor(name: string, ctx: LookupContext): LookupPlugin {
  const plugin = (PLUGINS as Record<string, LookupPlugin>)[bareLookupName(name)];
  if (!plugin)
    throw new TemplateError(
      'filter',
      `lookup plugin \`${name}\` not found${didYouMean(bareLookupName(name), [...LOOKUP_NAMES])} (Spindle has: ${LOOKUP_NAMES.join(', ')})`,
      ctx.where,
    );
  return plugin;
}

/** The `with_<lookup>` side of a lookup: its items, or a LoopLookupError carrying the plugin's message. */
export function runLoopLookup(
  name: string,
  terms: unknown[],
  kwargs: Record<string, unknown>,
  ctx: LookupContext,
): unknown[] {
  const plugin = pluginFor(name, ctx);
  try {
    return plugin(terms, kwargs, ctx);
  } catch (error) {
    if (error instanceof LookupFailure && error.ansibleClass === 'AnsibleUndefinedVariable')
      throw new TemplateError('undefined', error.message, ctx.where);
    if (error instanceof TemplateError) throw error;
    throw new LoopLookupError((error as Error).message);
  }
}

/** How Ansible's templar words a plugin's failure (`lookup()`/`query()`), and whether `errors=` may silence it. */
function describeFailure(name: string, error: unknown): { message: string; silenceable: boolean } {
  if (error instanceof LookupFailure) {
    if (error.ansibleClass === 'AnsibleOptionsError') return { message: error.message, silenceable: false };
    if (error.ansibleClass === 'AnsibleLookupError') return { message: error.message, silenceable: true };
    return {
      message: `An unhandled exception occurred while running the lookup plugin '${name}'. Error was a <class 'ansible.errors.${error.ansibleClass}'>, original message: ${error.message}`,
      silenceable: true,
    };
  }
  const message = (error as Error).message;
  return {
    message: `An unhandled exception occurred while running the lookup plugin '${name}'. Error was a <class 'Exception'>, original message: ${message}`,
    silenceable: true,
  };
}

/**
 * Runs lookup plugin `name` on the controller (Ansible's `query`) for `lookup()`/`query()`: always a list;
 * with `errors` `warn` or `ignore` a failure the plugin handled gives undefined instead of an error.
 */
export function runLookup(
  name: string,
  terms: unknown[],
  kwargs: Record<string, unknown>,
  ctx: LookupContext,
  errors: unknown = 'strict',
): unknown[] | undefined {
  const plugin = pluginFor(name, ctx);
  try {
    return plugin(terms, kwargs, ctx);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    if (error instanceof LookupFailure && error.ansibleClass === 'AnsibleUndefinedVariable')
      throw new TemplateError('undefined', error.message, ctx.where);
    const { message, silenceable } = describeFailure(bareLookupName(name), error);
    if (!silenceable || (errors !== 'warn' && errors !== 'ignore'))
      throw new TemplateError('filter', message, ctx.where);
    if (errors === 'warn') process.emitWarning(message);
    return undefined;
  }
}

/**
 * Ansible's `lookup()`: the `query` list, except that without `wantlist=True` a non-empty list of strings is
 * joined with commas and a one-item list gives its item (an empty list stays a list).
 */
function lookupValue(result: unknown[]): unknown {
  if (result.length === 0) return result;
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
      allow_unsafe,
      ...kwargs
    } = last && typeof last === 'object' && last.__keywords === true
      ? (terms.pop() as Record<string, unknown>)
      : {};
    const list = wantlist || (want !== undefined && want !== false && want !== 'false');
    const ctx = contextFor(this.ctx ?? {});
    // Ansible templates the terms again (listify_lookup_plugin_terms): `lookup('file', '{{ dir }}/x')` works.
    const rendered = terms.map((term) =>
      typeof term === 'string' && hasTemplate(term) ? ctx.renderTerm(term) : term,
    );
    // Ansible's listify: one string term (or other scalar) is a one-item list of it.
    const result = runLookup(String(name), rendered, kwargs, ctx, errors);
    if (result === undefined) return list ? [] : null;
    return list ? result : lookupValue(result);
  };
}
