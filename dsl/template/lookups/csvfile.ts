import { parseKeyValueArgs } from '../../compile/kv.js';
import { type LookupContext, LookupFailure, type LookupPlugin, locate } from './context.js';

const OPTIONS = ['col', 'default', 'delimiter', 'file', 'encoding'];

/** The rows of a CSV text as Python's `csv` module (excel dialect) reads them, with `delimiter` between fields. */
export function csvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  const endField = () => {
    row.push(field);
    field = '';
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && !started) {
      quoted = true;
      started = true;
    } else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (started || row.length) endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
      started = true;
    }
  }
  if (started || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

function readCsv(ctx: LookupContext, options: Record<string, unknown>, key: string): unknown {
  const name = options.file === undefined || options.file === null ? 'None' : String(options.file);
  const path = locate('files', ctx, name);
  if (!path) throw new LookupFailure(`csvfile: [Errno 2] No such file or directory: '${name}'`);
  const delimiter = String(options.delimiter);
  if (delimiter.length !== 1) throw new LookupFailure('csvfile: "delimiter" must be a 1-character string');
  const encoding = String(options.encoding ?? 'utf-8')
    .toLowerCase()
    .replace('_', '-');
  const text = ctx
    .readFile(path)
    .toString(encoding === 'latin-1' || encoding === 'latin1' ? 'latin1' : 'utf8');
  for (const row of csvRows(text, delimiter)) {
    if (row.length && row[0] === key) {
      const col = Number.parseInt(String(options.col), 10);
      if (Number.isNaN(col))
        throw new LookupFailure(`csvfile: invalid literal for int() with base 10: '${options.col}'`);
      const value = row[col < 0 ? row.length + col : col];
      if (value === undefined) throw new LookupFailure('csvfile: list index out of range');
      return value;
    }
  }
  return options.default;
}

/**
 * `csvfile`: the `col` column of the first row whose first column is the search key (the words of the term that
 * are not `k=v` options); `delimiter` TAB by default, `default` when no row matches (nothing then when unset).
 */
export const csvfile: LookupPlugin = (terms, kwargs, ctx) => {
  const base: Record<string, unknown> = {
    col: '1',
    delimiter: 'TAB',
    file: 'ansible.csv',
    encoding: 'utf-8',
    ...kwargs,
  };
  const out: unknown[] = [];
  for (const term of terms) {
    let kv: Record<string, unknown>;
    try {
      kv = parseKeyValueArgs(String(term), { freeForm: '_raw_params' });
    } catch (error) {
      throw new LookupFailure((error as Error).message);
    }
    if (!('_raw_params' in kv)) throw new LookupFailure('Search key is required but was not found');
    const options = { ...base };
    for (const [name, value] of Object.entries(kv)) {
      if (name === '_raw_params') continue;
      if (!OPTIONS.includes(name)) throw new LookupFailure(`${name} is not a valid option`);
      options[name] = value;
    }
    if (options.delimiter === 'TAB') options.delimiter = '\t';
    const value = readCsv(ctx, options, String(kv._raw_params));
    if (Array.isArray(value)) out.push(...value);
    else if (value !== undefined && value !== null) out.push(value);
  }
  return out;
};
