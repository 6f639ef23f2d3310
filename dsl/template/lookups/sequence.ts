import { parseKeyValueArgs } from '../../compile/kv.js';
import { LookupFailure, type LookupPlugin } from './context.js';

interface Sequence {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

/** Ansible's shortcut form `[start-]end[/stride][:format]` (numbers as `0?x?[0-9a-f]+`, any case). */
const SHORTCUT = /^((0?x?[0-9a-f]+)-)?(0?x?[0-9a-f]+)(\/(0?x?[0-9a-f]+))?(:(.+))?$/i;

/** Python's `int(value, 0)`: decimal without leading zeros, `0x`/`0o`/`0b` prefixes, underscores between digits. */
function integer(key: string, value: unknown): number {
  const s = String(value).trim();
  const m = /^([-+]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[1-9][0-9_]*|0+)$/.exec(s);
  if (!m || /__|_$/.test(m[2])) throw new LookupFailure(`can't parse ${key}=${s} as integer`);
  const digits = m[2].replace(/_/g, '');
  const base = /^0[xX]/.test(digits) ? 16 : /^0[oO]/.test(digits) ? 8 : /^0[bB]/.test(digits) ? 2 : 10;
  const n = Number.parseInt(base === 10 ? digits : digits.slice(2), base);
  return m[1] === '-' ? -n : n;
}

/** Python's `format % number` for one conversion (`%d`, `%02d`, `%x`, `%o`, `%s`, `%.2f` …). */
export function percentFormat(format: string, n: number): string {
  const spec = /%([-#0 +]*)(\d*)(?:\.(\d+))?([diouxXeEfFs])/;
  if ((format.replace(/%%/g, '').match(/%/g) ?? []).length !== 1 || !spec.test(format))
    throw new LookupFailure(`bad formatting string: ${format}`);
  return format
    .replace(spec, (_m, flags: string, width: string, precision: string | undefined, conv: string) => {
      let body: string;
      const abs = Math.abs(n);
      if ('diu'.includes(conv)) body = String(Math.trunc(abs));
      else if (conv === 'x') body = Math.trunc(abs).toString(16);
      else if (conv === 'X') body = Math.trunc(abs).toString(16).toUpperCase();
      else if (conv === 'o') body = Math.trunc(abs).toString(8);
      else if ('eE'.includes(conv)) body = abs.toExponential(Number(precision ?? 6));
      else if ('fF'.includes(conv)) body = abs.toFixed(Number(precision ?? 6));
      else return String(n).padStart(Number(width || 0), ' ');
      if (conv === 'E') body = body.toUpperCase();
      const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const w = Number(width || 0);
      if (flags.includes('-')) return (sign + body).padEnd(w, ' ');
      if (flags.includes('0')) return sign + body.padStart(w - sign.length, '0');
      return (sign + body).padStart(w, ' ');
    })
    .replace(/%%/g, '%');
}

/** Python's repr of a list of strings (`['junk']`), as Ansible's message shows the unknown keys. */
function reprKeys(keys: string[]): string {
  return `[${keys.map((k) => `'${k}'`).join(', ')}]`;
}

function parseTerm(term: string, into: Sequence): void {
  const match = SHORTCUT.exec(term);
  if (match) {
    if (match[2] !== undefined) into.start = integer('start', match[2]);
    into.end = integer('end', match[3]);
    if (match[5] !== undefined) into.stride = integer('stride', match[5]);
    if (match[7] !== undefined) into.format = match[7];
    return;
  }
  const args = parseKeyValueArgs(term, { freeForm: '_raw_params' });
  for (const key of ['start', 'end', 'count', 'stride'] as const) {
    if (args[key] === undefined) continue;
    into[key] = integer(key, args[key]);
    delete args[key];
  }
  if ('format' in args) {
    into.format = String(args.format);
    delete args.format;
  }
  const unknown = Object.keys(args);
  if (unknown.length)
    throw new LookupFailure(`unrecognized arguments to with_sequence: ${reprKeys(unknown)}`);
}

/**
 * `sequence`: numbers from `start` to `end` (or `count` of them) by `stride`, each formatted by `format`; the
 * terms are `k=v` words or the `[start-]end[/stride][:format]` shortcut (keyword arguments are ignored, as
 * Ansible's plugin ignores them).
 */
export const sequence: LookupPlugin = (terms) => {
  const out: string[] = [];
  for (const term of terms) {
    const seq: Sequence = { start: 1, stride: 1, format: '%d' };
    parseTerm(String(term), seq);
    if (seq.count === undefined && seq.end === undefined)
      throw new LookupFailure('must specify count or end in with_sequence');
    if (seq.count !== undefined && seq.end !== undefined)
      throw new LookupFailure("can't specify both count and end in with_sequence");
    if (seq.count !== undefined) {
      if (seq.count !== 0) seq.end = seq.start + seq.count * seq.stride - 1;
      else [seq.start, seq.end, seq.stride] = [0, 0, 0];
    }
    const end = seq.end as number;
    if (seq.stride > 0 && end < seq.start) throw new LookupFailure('to count backwards make stride negative');
    if (seq.stride < 0 && end > seq.start)
      throw new LookupFailure("to count forward don't make stride negative");
    if ((seq.format.match(/%/g) ?? []).length !== 1)
      throw new LookupFailure(`bad formatting string: ${seq.format}`);
    if (seq.stride === 0) continue;
    for (let i = seq.start; seq.stride > 0 ? i <= end : i >= end; i += seq.stride)
      out.push(percentFormat(seq.format, i));
  }
  return out;
};
