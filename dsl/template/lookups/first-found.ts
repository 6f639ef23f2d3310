import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isTemplateTrue } from '../../../modules/ansible-boolean.js';
import { isDict } from '../python-values.js';
import { LookupFailure, type LookupPlugin, searchPath } from './context.js';

/** A list option as Ansible's config reads it (a string is split on commas), then split again on `separators`. */
function splitOn(value: unknown, separators: RegExp): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : String(value).split(',');
  return list.flatMap((v) => (Array.isArray(v) ? splitOn(v, separators) : String(v).split(separators)));
}

interface Search {
  candidates: string[];
  skip: boolean;
}

/**
 * Ansible's term processing, quirks included: a mapping term takes its `files`/`paths`/`skip` from itself, a
 * string term from the keyword options; with paths, every path is joined with every file of the options (the
 * string term itself is then not searched); files without paths replace everything gathered so far.
 */
function gather(terms: unknown[], kwargs: Record<string, unknown>, into: Search): void {
  for (const term of terms) {
    let options: Record<string, unknown>;
    if (isDict(term)) options = term;
    else if (typeof term === 'string') options = kwargs;
    else if (Array.isArray(term)) {
      gather(term, kwargs, into);
      continue;
    } else
      throw new LookupFailure(
        `Invalid term supplied, can handle string, mapping or list of strings but got: ${typeof term} for ${JSON.stringify(term)}`,
        'AnsibleLookupError',
      );
    const files = splitOn(options.files, /[,;]/);
    const paths = splitOn(options.paths, /[,:;]/);
    into.skip = isTemplateTrue(options.skip ?? false);
    if (paths.length)
      for (const path of paths) for (const name of files) into.candidates.push(join(path, name));
    else if (files.length) into.candidates = files;
    else into.candidates.push(String(term));
  }
}

/**
 * `first_found`: the first candidate that exists, searched like `file` (under `templates/` or `vars/` instead
 * of `files/` when a `with_first_found` task's action names them); `skip: true` gives an empty list instead of
 * the error.
 */
export const firstFound: LookupPlugin = (terms, kwargs, ctx) => {
  const search: Search = { candidates: [], skip: false };
  gather(terms, kwargs, search);
  for (const name of search.candidates) {
    const found = searchPath(ctx.subdir ?? 'files', ctx, name).find((c) => existsSync(c));
    if (found) return [found];
  }
  if (search.skip) return [];
  throw new LookupFailure('No file was found when using first_found.', 'AnsibleLookupError');
};
