import { isVaulted } from '../vault/vaulted.js';
import { PyDateTime } from './python-datetime.js';
import { pyRepr } from './python-repr.js';
import { isDict } from './python-values.js';

/** PyYAML's `yaml.dump` options Ansible's `to_yaml`/`to_nice_yaml` pass. */
export interface YamlDumpOptions {
  /** Spaces per level (PyYAML's `indent`, 2 unless given). */
  indent?: number;
  /** `true` all flow, `false` all block, `null` flow only for collections of scalars (PyYAML's default). */
  flow?: boolean | null;
  /** Where plain and quoted text and flow collections break lines (PyYAML's `width`, 80). */
  width?: number;
}

/** Text YAML 1.1 (PyYAML's resolvers) would read as something else than a string: it must be quoted. */
const NOT_TEXT = new RegExp(
  [
    '^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$',
    '^(?:~|null|Null|NULL)$',
    '^[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$',
    '^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$',
    '^\\d{4}-\\d\\d?-\\d\\d?(?:(?:[Tt]|[ \\t]+)\\d\\d?:\\d\\d:\\d\\d(?:\\.\\d*)?(?:[ \\t]*(?:Z|[-+]\\d\\d?(?::\\d\\d)?))?)?$',
    '^(?:=|<<)$',
  ].join('|'),
);

/** Characters PyYAML writes only in double quotes (control characters, except line breaks). */
const NEEDS_ESCAPES = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff]/;

type Style = 'plain' | 'single' | 'double';

/** The style PyYAML's emitter picks for a string (a simplified `analyze_scalar`). */
function scalarStyle(text: string, flow: boolean, simpleKey: boolean): Style {
  if (NEEDS_ESCAPES.test(text)) return 'double';
  if (text.includes('\n')) return simpleKey ? 'double' : 'single';
  if (text === '' || NOT_TEXT.test(text) || /^\s|\s$/.test(text)) return 'single';
  if (/^[#,[\]{}&*!|>'"%@`]/.test(text) || /^[-?:](?:\s|$)/.test(text)) return 'single';
  if (/: |\s#|:$/.test(text)) return 'single';
  if (flow && /[,[\]{}]|[?:]/.test(text)) return 'single';
  return 'plain';
}

function doubleQuoted(text: string): string {
  const escapes: Record<string, string> = { '\n': '\\n', '\t': '\\t', '"': '\\"', '\\': '\\\\', '\0': '\\0' };
  return `"${[...text]
    .map((c) => {
      if (escapes[c]) return escapes[c];
      const code = c.codePointAt(0) ?? 0;
      if (NEEDS_ESCAPES.test(c))
        return code <= 0xff
          ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
          : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return c;
    })
    .join('')}"`;
}

/**
 * Python's `yaml.dump(value, allow_unicode=True, sort_keys=True)` as Ansible's `to_yaml` (flow style for
 * collections of scalars) and `to_nice_yaml` (`indent=4`, block style) write it: keys sorted, sequences in a
 * mapping not indented, strings quoted only where YAML 1.1 would read them otherwise, lines folded at `width`.
 */
export function pyYamlDump(value: unknown, options: YamlDumpOptions = {}): string {
  const step = options.indent && options.indent > 1 && options.indent < 10 ? options.indent : 2;
  const width = options.width && options.width > step * 2 ? options.width : 80;
  const flowMode = options.flow === undefined ? null : options.flow;
  const lines: string[] = [''];
  const column = () => lines[lines.length - 1].length;
  const write = (text: string) => {
    lines[lines.length - 1] += text;
  };
  const newline = (indent: number) => lines.push(' '.repeat(indent));

  const isCollection = (v: unknown) =>
    Array.isArray(v) || (isDict(v) && !isVaulted(v) && !(v instanceof PyDateTime));
  const entries = (v: unknown): Array<[string | undefined, unknown]> =>
    Array.isArray(v)
      ? v.map((item) => [undefined, item])
      : Object.keys(v as object)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]);
  const inFlow = (v: unknown) =>
    entries(v).length === 0 ||
    flowMode === true ||
    (flowMode === null && entries(v).every(([, item]) => !isCollection(item)));

  const scalar = (v: unknown, indent: number, flow: boolean, simpleKey = false) => {
    if (v === null || v === undefined) return write('null');
    if (typeof v === 'boolean') return write(v ? 'true' : 'false');
    if (typeof v === 'number')
      return write(Number.isNaN(v) ? '.nan' : !Number.isFinite(v) ? (v > 0 ? '.inf' : '-.inf') : pyRepr(v));
    if (isVaulted(v)) {
      write('!vault |');
      for (const line of v.__vault__.replace(/\n$/, '').split('\n')) {
        newline(indent + step);
        write(line);
      }
      return;
    }
    const text = v instanceof PyDateTime ? v.toString() : String(v);
    const style = v instanceof PyDateTime ? 'plain' : scalarStyle(text, flow, simpleKey);
    if (style === 'double') return write(doubleQuoted(text));
    const words = (style === 'single' ? text.replace(/'/g, "''") : text).split(/(\n+)/);
    if (style === 'single') write("'");
    words.forEach((part, i) => {
      if (i % 2 === 1) {
        // a run of n line breaks is written as n + 1 (one would fold into a space)
        for (let n = 0; n <= part.length; n++) newline(n === part.length ? indent + step : 0);
        return;
      }
      part.split(' ').forEach((word, j) => {
        if (j > 0) {
          if (column() > width && !simpleKey && word !== '') newline(indent + step);
          else write(' ');
        }
        write(word);
      });
    });
    if (style === 'single') write("'");
  };

  const flowNode = (v: unknown, indent: number) => {
    if (!isCollection(v)) return scalar(v, indent, true);
    const list = Array.isArray(v);
    const items = entries(v);
    write(list ? '[' : '{');
    items.forEach(([key, item], i) => {
      if (i > 0) {
        write(',');
        if (column() > width) newline(indent + step);
        else write(' ');
      }
      if (key !== undefined) {
        scalar(key, indent + step, true, true);
        write(': ');
      }
      flowNode(item, indent + step);
    });
    write(list ? ']' : '}');
  };

  const blockNode = (v: unknown, indent: number) => {
    if (!isCollection(v)) return scalar(v, indent, false);
    if (inFlow(v)) return flowNode(v, indent);
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (i > 0) newline(indent);
        write('-');
        const block = isCollection(item) && !inFlow(item);
        write(' '.repeat(block ? step - 1 : 1));
        blockNode(item, block ? indent + step : indent);
      });
      return;
    }
    entries(v).forEach(([key, item], i) => {
      if (i > 0) newline(indent);
      scalar(key, indent, false, true);
      write(':');
      if (isCollection(item) && !inFlow(item)) {
        const nested = Array.isArray(item) ? indent : indent + step;
        newline(nested);
        blockNode(item, nested);
      } else {
        write(' ');
        blockNode(item, indent);
      }
    });
  };

  blockNode(value, 0);
  const plainTop =
    !isCollection(value) && !lines.join('\n').startsWith("'") && !lines.join('\n').startsWith('"');
  return `${lines.join('\n')}\n${plainTop ? '...\n' : ''}`;
}
