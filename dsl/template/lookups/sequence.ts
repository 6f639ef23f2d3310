import { LookupFailure, type LookupPlugin } from './context.js';

interface Sequence {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

const SHORTCUT =
  /^(?:(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|-?\d+)-)?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|\d+)(?:\/(-?\d+|0[xX][0-9a-fA-F]+))?(?::(.+))?$/;

/** Python's `int(value, 0)`: decimal, `0x` hex, `0o` octal (and old `0`-prefixed octal, as Ansible accepts). */
function integer(key: string, value: unknown): number {
  const s = String(value).trim();
  const n = /^-?0[xX]/.test(s)
    ? Number.parseInt(s.replace(/0[xX]/, ''), 16)
    : /^-?0[oO]?[0-7]+$/.test(s) && s.replace('-', '') !== '0'
      ? Number.parseInt(s.replace(/0[oO]?/, ''), 8)
      : /^-?\d+$/.test(s)
        ? Number(s)
        : Number.NaN;
  if (Number.isNaN(n)) throw new LookupFailure(`can't parse ${key}=${s} as integer`);
  return n;
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

function parseTerm(term: string, into: Sequence): void {
  const trimmed = term.trim();
  if (trimmed.includes('=')) {
    for (const pair of trimmed.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq < 0) throw new LookupFailure(`can't parse arg ${pair} in sequence`);
      setOption(into, pair.slice(0, eq), pair.slice(eq + 1));
    }
    return;
  }
  const match = SHORTCUT.exec(trimmed);
  if (!match)
    throw new LookupFailure(`unknown sequence shortcut \`${trimmed}\` (use start-end/stride:format)`);
  if (match[1] !== undefined) into.start = integer('start', match[1]);
  into.end = integer('end', match[2]);
  if (match[3] !== undefined) into.stride = integer('stride', match[3]);
  if (match[4] !== undefined) into.format = match[4];
}

function setOption(into: Sequence, key: string, value: unknown): void {
  if (key === 'start' || key === 'end' || key === 'count' || key === 'stride')
    into[key] = integer(key, value);
  else if (key === 'format') into.format = String(value);
  else throw new LookupFailure(`unrecognized arguments to with_sequence: ${key}`);
}

/** `sequence`: numbers from `start` to `end` (or `count` of them) by `stride`, each formatted by `format`. */
export const sequence: LookupPlugin = (terms, kwargs) => {
  const out: string[] = [];
  for (const term of terms) {
    const seq: Sequence = { start: 1, stride: 1, format: '%d' };
    for (const [key, value] of Object.entries(kwargs)) setOption(seq, key, value);
    parseTerm(String(term), seq);
    if (seq.count !== undefined && seq.end !== undefined)
      throw new LookupFailure("can't specify both count and end in with_sequence");
    if (seq.count === undefined && seq.end === undefined)
      throw new LookupFailure('must specify count or end in with_sequence');
    let end = seq.end ?? 0;
    if (seq.count !== undefined) {
      if (seq.count === 0) continue;
      end = seq.start + seq.count * seq.stride - (seq.stride < 0 ? -1 : 1);
    }
    if (seq.stride > 0 && end < seq.start) throw new LookupFailure('to count backwards make stride negative');
    if (seq.stride < 0 && end > seq.start)
      throw new LookupFailure("to count forward don't make stride negative");
    if (seq.stride === 0) continue;
    for (let i = seq.start; seq.stride > 0 ? i <= end : i >= end; i += seq.stride)
      out.push(percentFormat(seq.format, i));
  }
  return out;
};
