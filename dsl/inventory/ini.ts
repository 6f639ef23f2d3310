import type { DslIssue } from '../issues.js';
import type { InventoryBuilder } from './build.js';
import { pythonLiteral } from './python-literal.js';

/** The most hosts one range pattern may expand to: a typo such as `h[0:9999999]` is an error, not a hang. */
export const MAX_HOST_RANGE = 100_000;

/** How many names a pattern's ranges make (their product), counted before anything is expanded. */
function rangeSize(pattern: string): number {
  let total = 1;
  for (const [, from, to, stepText] of pattern.matchAll(/\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\]/g)) {
    const step = Number(stepText ?? 1);
    if (!(step >= 1))
      throw new Error(`invalid host range [${from}:${to}:${stepText}]: the step must be 1 or more`);
    const numeric = /^\d+$/.test(from) && /^\d+$/.test(to);
    const span = numeric ? Number(to) - Number(from) : to.charCodeAt(0) - from.charCodeAt(0);
    total *= Math.max(0, Math.floor(span / step) + 1);
  }
  return total;
}

/** Expands `web[01:03]` and `db-[a:c]` host ranges (with an optional step `[1:9:2]`), up to MAX_HOST_RANGE names. */
export function expandHostRange(pattern: string): string[] {
  const size = rangeSize(pattern);
  if (size > MAX_HOST_RANGE)
    throw new Error(
      `host range ${pattern} makes ${size} hosts, over the limit of ${MAX_HOST_RANGE} per pattern (split it, or check it for a typo)`,
    );
  return expandRange(pattern);
}

function expandRange(pattern: string): string[] {
  const match = /^(.*?)\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!match) return [pattern];
  const [, head, from, to, stepText, tail] = match;
  const step = Number(stepText ?? 1);
  const out: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.length > 1 && from.startsWith('0') ? from.length : 0;
    for (let i = Number(from); i <= Number(to); i += step) out.push(String(i).padStart(width, '0'));
  } else if (/^[a-z]$/.test(from) && /^[a-z]$/.test(to)) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step) out.push(String.fromCharCode(c));
  } else {
    throw new Error(`invalid host range [${from}:${to}]: both ends must be numbers or single letters`);
  }
  if (out.length === 0) throw new Error(`host range [${from}:${to}] is empty`);
  return out.flatMap((middle) => expandRange(`${head}${middle}${tail}`));
}

/** Splits `a=1 b="two words"` into pairs, honouring quotes. */
export function splitKeyValues(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const re = /\s*([^=\s]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`expected key=value, got \`${text.slice(at).trim()}\``);
    pairs.push([m[1], m[2]]);
    at = re.lastIndex;
  }
  return pairs;
}

/**
 * Host-line values as Ansible reads them: shell-style quotes removed, then Python's `literal_eval`
 * (`8080` → 8080, `yes` stays "yes").
 */
function typed(raw: string): unknown {
  if (/^'.*'$/.test(raw)) return pythonLiteral(raw.slice(1, -1));
  if (/^".*"$/.test(raw)) return pythonLiteral(raw.slice(1, -1).replace(/\\(["\\$`])/g, '$1'));
  return pythonLiteral(raw);
}

/** Parses an INI inventory into the builder, reporting problems with file:line:column. */
export function parseIniInventory(text: string, file: string, builder: InventoryBuilder): DslIssue[] {
  const issues: DslIssue[] = [];
  let section = 'ungrouped';
  let kind: 'hosts' | 'vars' | 'children' = 'hosts';
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\s+[#;].*$/, '').trim();
    const issueAt = (message: string, column = rawLine.search(/\S/) + 1) =>
      issues.push({ code: 'inventory-syntax', severity: 'error', message, file, line: index + 1, column });
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header) {
      section = header[1];
      kind = (header[2] as 'vars' | 'children' | undefined) ?? 'hosts';
      builder.group(section).location ??= { file, line: index + 1, column: 1 };
      return;
    }
    if (line.startsWith('['))
      return issueAt(
        `invalid section header \`${line}\`: expected [group], [group:vars] or [group:children]`,
      );
    try {
      if (kind === 'vars') {
        const eq = line.indexOf('=');
        if (eq < 0) return issueAt(`expected key=value in [${section}:vars], got \`${line}\``);
        builder.group(section).vars[line.slice(0, eq).trim()] = pythonLiteral(line.slice(eq + 1).trim());
      } else if (kind === 'children') {
        const parent = builder.group(section);
        builder.group(line);
        if (!parent.children.includes(line)) parent.children.push(line);
      } else {
        const [hostPart, ...rest] = line.split(/\s+/);
        const vars = Object.fromEntries(splitKeyValues(rest.join(' ')).map(([k, v]) => [k, typed(v)]));
        const portMatch = /^([^:[\]]+|\[[^\]]+\])(?::(\d+))$/.exec(hostPart);
        const name = portMatch && !hostPart.includes('[') ? portMatch[1] : hostPart;
        if (portMatch && !hostPart.includes('[')) vars.ansible_port ??= Number(portMatch[2]);
        for (const host of expandHostRange(name)) {
          builder.addHost(host, section, vars).location ??= { file, line: index + 1, column: 1 };
        }
      }
    } catch (error) {
      issueAt((error as Error).message);
    }
  });
  return issues;
}
