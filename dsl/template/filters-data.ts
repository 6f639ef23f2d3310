import { statSync } from 'node:fs';
import { posix } from 'node:path';
import { FilterError } from './filter-error.js';
import { withKeywords } from './filter-keywords.js';
import { pyGlob } from './python-glob.js';
import { pyJsonDumps } from './python-json.js';
import { pyRandom, randrange, shuffle } from './python-random.js';
import { pyTruth, requireDefined, takeUndefinedName } from './python-runtime.js';
import { isDict, pyClassName, pyEquals } from './python-values.js';

/**
 * Ansible's data-structure filters (plugins/filter/core.py): `combine` (merge_hash with `recursive` and
 * `list_merge`), `extract`, `flatten`, `comment`, `ternary`, `random`/`shuffle` (Python's generator for a
 * seed), `fileglob`, `path_join`, `quote`, `type_debug` — with Ansible's results and error messages.
 */

const LIST_MERGES = ['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'];

/** `merge_hash(x, y)`: y's keys win; nested dicts merged when `recursive`; lists as `listMerge` says. */
export function mergeHash(
  x: unknown,
  y: unknown,
  recursive: boolean,
  listMerge: string,
): Record<string, unknown> {
  if (!LIST_MERGES.includes(listMerge))
    throw new FilterError(
      "merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'",
    );
  if (!isDict(x) || !isDict(y)) {
    const shown = (v: unknown) => {
      try {
        return pyJsonDumps(v);
      } catch {
        return String(v);
      }
    };
    throw new FilterError(
      `failed to combine variables, expected dicts but got a '${pyClassName(x)}' and a '${pyClassName(y)}': \n${shown(x)}\n${shown(y)}`,
    );
  }
  const out: Record<string, unknown> = { ...x };
  for (const [key, yValue] of Object.entries(y)) {
    const xValue = out[key];
    if (!Object.hasOwn(out, key)) out[key] = yValue;
    else if (isDict(xValue) && isDict(yValue))
      out[key] = recursive ? mergeHash(xValue, yValue, recursive, listMerge) : yValue;
    else if (Array.isArray(xValue) && Array.isArray(yValue)) out[key] = mergeLists(xValue, yValue, listMerge);
    else out[key] = yValue;
  }
  return out;
}

function mergeLists(x: unknown[], y: unknown[], how: string): unknown[] {
  const rest = () => x.filter((item) => !y.some((other) => pyEquals(item, other)));
  if (how === 'keep') return x;
  if (how === 'append') return [...x, ...y];
  if (how === 'prepend') return [...y, ...x];
  if (how === 'append_rp') return [...rest(), ...y];
  if (how === 'prepend_rp') return [...y, ...rest()];
  return y;
}

function assertDefined(value: unknown): void {
  if (value === undefined) requireDefined(value);
  if (Array.isArray(value)) value.forEach(assertDefined);
  else if (isDict(value)) Object.values(value).forEach(assertDefined);
}

/** `combine(*dicts, recursive=False, list_merge='replace')`; lists of dicts are flattened one level. */
function combine(...terms: unknown[]): unknown {
  let recursive = false;
  let listMerge = 'replace';
  const last = terms[terms.length - 1];
  if (isDict(last) && last.__keywords === true) {
    terms.pop();
    const { __keywords, recursive: r, list_merge: l, ...rest } = last;
    if (Object.keys(rest).length)
      throw new FilterError("'recursive' and 'list_merge' are the only valid keyword arguments");
    recursive = r === undefined ? false : pyTruth(r);
    listMerge = l === undefined ? 'replace' : String(l);
  }
  const dicts = flatten(terms, 1);
  assertDefined(dicts);
  if (dicts.length === 0) return {};
  if (dicts.length === 1) return dicts[0];
  let result = dicts[dicts.length - 1];
  for (let i = dicts.length - 2; i >= 0; i--) result = mergeHash(dicts[i], result, recursive, listMerge);
  return result;
}

/** `flatten(levels=None, skip_nulls=True)`: nested lists spliced in; None, 'None' and 'null' dropped. */
export function flatten(list: unknown, levels: number | null = null, skipNulls = true): unknown[] {
  if (!Array.isArray(list)) throw new FilterError(`flatten expects a list, got ${pyClassName(list)}`);
  const out: unknown[] = [];
  for (const item of list) {
    if (skipNulls && (item === null || item === 'None' || item === 'null')) continue;
    if (Array.isArray(item) && (levels === null || levels >= 1))
      out.push(...flatten(item, levels === null ? null : levels - 1, skipNulls));
    else out.push(item);
  }
  return out;
}

/** Jinja2's `environment.getitem`: an item or attribute, undefined when missing. */
function getItem(container: unknown, key: unknown): unknown {
  if (container === null || container === undefined) return undefined;
  if (Array.isArray(container)) {
    const index = Number(key);
    if (!Number.isInteger(index)) return undefined;
    return container[index < 0 ? container.length + index : index];
  }
  if (typeof container === 'object') return (container as Record<string, unknown>)[String(key)];
  if (typeof container === 'string' && Number.isInteger(key)) return container[key as number];
  return undefined;
}

/** `extract(container, morekeys=None)`: `container[item]`, then each of `morekeys`. */
function extract(item: unknown, container: unknown, morekeys: unknown = null): unknown {
  const keys =
    morekeys === null || morekeys === undefined
      ? [item]
      : Array.isArray(morekeys)
        ? [item, ...morekeys]
        : [item, morekeys];
  return keys.reduce<unknown>((value, key) => getItem(value, key), container);
}

interface CommentStyle {
  beginning?: string;
  decoration: string;
  end?: string;
}

const COMMENT_STYLES: Record<string, CommentStyle> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

/** `comment(style='plain', **kw)`: the text as a comment block of `style`, with Ansible's decoration rules. */
function comment(text: unknown, ...args: unknown[]): string {
  const last = args[args.length - 1];
  const kw = isDict(last) && last.__keywords === true ? (args.pop() as Record<string, unknown>) : {};
  const style = String(args[0] ?? kw.style ?? 'plain');
  const params = COMMENT_STYLES[style];
  if (!params) throw new FilterError(`comment: unknown style '${style}'`);
  const prepostfix = kw.decoration !== undefined ? String(kw.decoration) : params.decoration;
  const defaults: Record<string, unknown> = {
    newline: '\n',
    beginning: '',
    prefix: prepostfix.trimEnd(),
    prefix_count: 1,
    decoration: '',
    postfix: prepostfix.trimEnd(),
    postfix_count: 1,
    end: '',
  };
  const p: Record<string, unknown> = Object.assign(defaults, params);
  for (const [key, value] of Object.entries(kw)) if (key !== '__keywords' && key !== 'style') p[key] = value;
  const [newline, decoration] = [String(p.newline), String(p.decoration)];
  const beginning = p.beginning ? `${p.beginning}${newline}` : '';
  const prefixCount = Number(p.prefix_count);
  const prefix = p.prefix
    ? (p.prefix !== newline ? `${p.prefix}${newline}` : newline).repeat(Math.max(0, prefixCount))
    : '';
  const body = `${decoration}${String(text).split(newline).join(`${newline}${decoration}`)}`
    .split(`${decoration}${newline}`)
    .join(`${decoration.trimEnd()}${newline}`);
  const postfix = ['', ...Array.from({ length: Number(p.postfix_count) }, () => String(p.postfix))].join(
    newline,
  );
  const end = p.end ? `${newline}${p.end}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
}

/** `random(end, start=None, step=None, seed=None)`: an int of `range(start, end, step)` or an item of a list. */
function random(end: unknown, start: unknown = null, step: unknown = null, seed: unknown = null): unknown {
  const generator = pyRandom(seed);
  if (typeof end === 'number' && Number.isInteger(end))
    return randrange(generator, Number(start || 0), end, Number(step || 1));
  if (Array.isArray(end) || typeof end === 'string' || isDict(end)) {
    if (pyTruth(start) || pyTruth(step))
      throw new FilterError('start and step can only be used with integer values');
    const items = Array.isArray(end) ? end : typeof end === 'string' ? Array.from(end) : Object.keys(end);
    if (items.length === 0) throw new FilterError('Cannot choose from an empty sequence');
    return items[generator.below(items.length)];
  }
  throw new FilterError('random can only be used on sequences and integers');
}

/** `shuffle(seed=None)`: a shuffled copy of a list; anything else is returned as it is. */
function shuffled(value: unknown, seed: unknown = null): unknown {
  if (!Array.isArray(value) && typeof value !== 'string') return value;
  const items = Array.isArray(value) ? [...value] : Array.from(value);
  return shuffle(pyRandom(pyTruth(seed) ? seed : null), items);
}

/** `fileglob`: the regular files matching a glob pattern (none when its folder does not exist). */
function fileglob(pattern: unknown): string[] {
  return pyGlob(String(pattern)).filter((path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/** `path_join`: `os.path.join` of a list of parts (a string is returned as it is). */
function pathJoin(paths: unknown): string {
  if (typeof paths === 'string') return paths;
  if (!Array.isArray(paths))
    throw new FilterError(
      `|path_join expects string or sequence, got <class '${pyClassName(paths)}'> instead.`,
    );
  return paths
    .map(String)
    .reduce((joined, part) => (part.startsWith('/') ? part : posix.join(joined, part) || part), '');
}

/** `shlex.quote`: the text single-quoted for a shell unless it is made only of safe characters. */
export function shellQuote(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  if (text === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

/** The data-structure filters, by name. */
export const dataFilters: Record<string, (...args: never[]) => unknown> = {
  combine,
  extract: withKeywords(['container', 'morekeys'], extract),
  flatten: withKeywords(['levels', 'skip_nulls'], flatten),
  comment,
  ternary: withKeywords(
    ['true_val', 'false_val', 'none_val'],
    (v: unknown, yes: unknown, no: unknown, none: unknown = null) =>
      v === null && none !== null && none !== undefined ? none : pyTruth(v) ? yes : no,
  ),
  random: withKeywords(['start', 'step', 'seed'], random),
  shuffle: withKeywords(['seed'], shuffled),
  fileglob,
  path_join: pathJoin,
  quote: shellQuote,
  type_debug: (v: unknown) => pyClassName(v),
  mandatory: withKeywords(['msg'], (v: unknown, msg: unknown = null) => {
    if (v !== undefined) return v;
    if (msg !== null && msg !== undefined) throw new FilterError(String(msg));
    const name = takeUndefinedName();
    throw new FilterError(`Mandatory variable ${name === undefined ? '' : `'${name}' `} not defined.`);
  }),
};
