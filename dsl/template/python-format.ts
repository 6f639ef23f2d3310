import { pyRepr, pyStr } from './python-repr.js';

/**
 * Python's `%` formatting, for the `format` filter (`"%-6s|" | format(x)`, `"%05.1f" | format(n)`): conversions
 * s, r, d, i, f, F, e, x, X, o, c and `%%`, with flags `-`, `0`, `+`, space, a width and a precision, and
 * `%(name)s` keys when the one argument is a dict.
 */
export function pyFormat(template: string, ...args: unknown[]): string {
  let next = 0;
  const named =
    args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0]);
  return String(template).replace(
    /%(?:\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([srdifFeExXoc%])/g,
    (_all, key: string | undefined, flags: string, width: string | undefined, precision, conv: string) => {
      if (conv === '%') return '%';
      const value = key !== undefined && named ? (args[0] as Record<string, unknown>)[key] : args[next++];
      let text: string;
      const prec = precision === undefined ? undefined : Number(precision);
      switch (conv) {
        case 's':
          text = pyStr(value);
          if (prec !== undefined) text = text.slice(0, prec);
          break;
        case 'r':
          text = pyRepr(value);
          break;
        case 'd':
        case 'i':
          text = String(Math.trunc(Number(value)));
          break;
        case 'f':
        case 'F':
          text = Number(value).toFixed(prec ?? 6);
          break;
        case 'e':
        case 'E':
          text = Number(value)
            .toExponential(prec ?? 6)
            .replace(/e([+-])(\d)$/, 'e$10$2');
          if (conv === 'E') text = text.toUpperCase();
          break;
        case 'x':
        case 'X':
          text = Math.trunc(Number(value)).toString(16);
          if (conv === 'X') text = text.toUpperCase();
          break;
        case 'o':
          text = Math.trunc(Number(value)).toString(8);
          break;
        default:
          text = typeof value === 'number' ? String.fromCodePoint(value) : String(value);
      }
      if (/[dif]/i.test(conv) && Number(value) >= 0) {
        if (flags.includes('+')) text = `+${text}`;
        else if (flags.includes(' ')) text = ` ${text}`;
      }
      const w = width === undefined || width === '*' ? 0 : Number(width);
      if (text.length >= w) return text;
      if (flags.includes('-')) return text.padEnd(w);
      if (flags.includes('0') && conv !== 's' && conv !== 'r') {
        const sign = /^[-+ ]/.test(text) ? text[0] : '';
        return sign + text.slice(sign.length).padStart(w - sign.length, '0');
      }
      return text.padStart(w);
    },
  );
}
