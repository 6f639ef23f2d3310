import { readFileSync } from 'node:fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { DslIssue } from '../issues.js';
import { unsafeText } from '../template/unsafe.js';
import { decryptVaultText, isVaulted, isVaultText, type VaultSecrets } from '../vault/index.js';

/** A source position. */
export interface Position {
  line: number;
  column: number;
}

/** A loaded YAML file: its value, and the position of every node by path (`[0].tasks[3].file`). */
export interface LoadedYaml {
  file: string;
  value: unknown;
  positions: Map<string, Position>;
  /** Paths of scalars written as YAML 1.1 octal literals (`mode: 0644`), which Ansible accepts as modes. */
  octalPaths: Set<string>;
  issues: DslIssue[];
}

/** Joins a path segment: `[3]` for indexes, `.key` (or `key` at the root) for mapping keys. */
export function childPath(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;
}

/** How to load: the vault passwords for whole encrypted files (inline `!vault` values stay encrypted). */
export interface LoadOptions {
  vault?: VaultSecrets;
}

/**
 * Parses a YAML file as Ansible does (YAML 1.1 scalars: yes/no/on/off booleans, 0644 octal), keeping the
 * line and column of every node, warning on duplicate keys and on unquoted octal numbers outside modes.
 * A whole vault-encrypted file is decrypted first (an error issue when it cannot be); inline `!vault` values
 * are kept as `{__vault__, __vault_at__: "file:line:col"}` for the templar to decrypt when used.
 */
export function loadYamlFile(
  file: string,
  text = readFileSync(file, 'utf8'),
  options: LoadOptions = {},
): LoadedYaml {
  if (isVaultText(text)) {
    try {
      text = decryptVaultText(text, options.vault, file).toString('utf8');
    } catch (error) {
      const issue: DslIssue = {
        code: 'vault',
        severity: 'error',
        message: (error as Error).message,
        file,
        line: 1,
        column: 1,
      };
      return { file, value: undefined, positions: new Map(), octalPaths: new Set(), issues: [issue] };
    }
  }
  const lineCounter = new LineCounter();
  const at = (offset: number) => lineCounter.linePos(offset);
  const refused = (message: string, pos: Position): LoadedYaml => ({
    file,
    value: undefined,
    positions: new Map(),
    octalPaths: new Set(),
    issues: [{ code: 'yaml-limit', severity: 'error', message, file, line: pos.line, column: pos.column }],
  });
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, {
      version: '1.1',
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      customTags: (tags) => [...tags.map(asPyYamlBool).map(asPyYamlFloat), ...unknownTagsAsStrings],
    });
  } catch (error) {
    // The parser recurses once per nesting level: hostile nesting overflows the stack.
    if (error instanceof RangeError) return refused(tooDeep(), deepestLine(text));
    throw error;
  }
  const issues: DslIssue[] = [];
  for (const error of doc.errors) {
    const pos = at(error.pos[0]);
    // The library reports its own stack overflow as a syntax error: it is the nesting limit.
    if (/Maximum call stack/.test(error.message))
      return refused(tooDeep(), { line: pos.line, column: pos.col });
    issues.push({
      code: 'yaml-syntax',
      severity: 'error',
      message: error.message.split('\n')[0],
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  const positions = new Map<string, Position>();
  const octalPaths = new Set<string>();
  let firstAlias: Position | undefined;
  let deepest: Position | undefined;
  const walk = (node: Node | null | undefined, path: string, depth = 0) => {
    if (!node) return;
    if (depth > MAX_NESTING) {
      if (!deepest && node.range) {
        const pos = at(node.range[0]);
        deepest = { line: pos.line, column: pos.col };
      }
      return;
    }
    if (node.range && !positions.has(path)) {
      const pos = at(node.range[0]);
      positions.set(path, { line: pos.line, column: pos.col });
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode?.range ? at(keyNode.range[0]) : undefined;
        if (seen.has(key) && keyPos) {
          issues.push({
            code: 'duplicate-key',
            severity: 'warning',
            message: `duplicate key \`${key}\`: the last value wins`,
            file,
            line: keyPos.line,
            column: keyPos.col,
            path: childPath(path, key),
          });
        }
        seen.add(key);
        if (keyPos) positions.set(childPath(path, key), { line: keyPos.line, column: keyPos.col });
        const valuePath = childPath(path, key);
        walk(pair.value as Node, valuePath, depth + 1);
        if (keyPos && pair.value && (pair.value as Node).range) {
          const vp = at((pair.value as Node).range![0]);
          positions.set(`${valuePath}#value`, { line: vp.line, column: vp.col });
        }
        checkScalar(pair.value as Node, valuePath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item as Node, childPath(path, index), depth + 1);
        checkScalar(item as Node, childPath(path, index));
      });
    } else if (isAlias(node) && !firstAlias && node.range) {
      // aliases resolve to their anchor's value; positions point at the alias
      const pos = at(node.range[0]);
      firstAlias = { line: pos.line, column: pos.col };
    }
  };
  // `yes`/`no`/`on`/`off` are idiomatic Ansible booleans and stay silent; an unquoted number with a leading 0
  // is octal in YAML 1.1 (as Ansible reads it), which surprises everywhere except modes and umasks.
  const checkScalar = (node: Node | null | undefined, path: string) => {
    if (!node || !isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string' || !node.range)
      return;
    if (!/^0[0-7]+$/.test(node.source)) return;
    octalPaths.add(path);
    if (/(mode|umask)$/.test(path)) return;
    const pos = at(node.range[0]);
    issues.push({
      code: 'yaml-1.1-octal',
      severity: 'warning',
      message: `\`${node.source}\` is read as the octal number ${node.value} (YAML 1.1, as Ansible reads it); quote it if you meant the string`,
      file,
      line: pos.line,
      column: pos.col,
      path,
    });
  };
  // The yaml library throws (rather than reports) for an alias without its anchor or a merge of a non-map
  // (also when a complex key is printed): input errors, not crashes.
  const thrown = (error: unknown): void => {
    const message = (error as Error).message;
    const alias = /: (\S+)$/.exec(message)?.[1];
    const pos = at(Math.max(0, alias ? text.indexOf(`*${alias}`) : 0));
    issues.push({ code: 'yaml', severity: 'error', message, file, line: pos.line, column: pos.col });
  };
  let value: unknown;
  try {
    walk(doc.contents as Node, '');
  } catch (error) {
    if (error instanceof RangeError) return refused(tooDeep(), deepestLine(text));
    thrown(error);
  }
  if (deepest) return refused(tooDeep(), deepest);
  try {
    value =
      doc.errors.length > 0 || issues.some((i) => i.severity === 'error')
        ? undefined
        : doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    // The yaml library refuses alias expansions past maxAliasCount (a "billion laughs" document).
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message))
      return refused(
        `the aliases in this file expand too much (more than ${MAX_ALIAS_EXPANSIONS} copies, a "billion laughs" document?)`,
        firstAlias ?? { line: 1, column: 1 },
      );
    if (error instanceof RangeError) return refused(tooDeep(), deepestLine(text));
    thrown(error);
  }
  locateVaulted(value, '', (path) => {
    const pos = positions.get(`${path}#value`) ?? positionOf({ positions }, path);
    return pos ? `${file}:${pos.line}:${pos.column}` : file;
  });
  return {
    file,
    value,
    positions,
    octalPaths,
    issues,
  };
}

/** Records where each inline `!vault` value was written, so a decryption error can name its line. */
function locateVaulted(value: unknown, path: string, where: (path: string) => string): void {
  if (isVaulted(value)) {
    value.__vault_at__ = where(path);
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => locateVaulted(item, childPath(path, i), where));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) locateVaulted(item, childPath(path, key), where);
}

/** How deep mappings and lists may nest (Ansible's Python parser gives up near 1,000 levels too). */
export const MAX_NESTING = 1000;
/** How many alias expansions a file may make (the yaml library's guard against exponential aliases). */
export const MAX_ALIAS_EXPANSIONS = 1000;

function tooDeep(): string {
  return `mappings and lists nest too deeply (more than ${MAX_NESTING} levels)`;
}

/** The most indented line: where a nesting bomb is deepest, for the error's position. */
function deepestLine(text: string): Position {
  let best = { line: 1, column: 1 };
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let indent = start;
    while (indent < end && (text[indent] === ' ' || text[indent] === '[' || text[indent] === '{')) indent++;
    if (indent - start + 1 > best.column) best = { line, column: indent - start + 1 };
    start = end + 1;
    line++;
  }
  return best;
}

/** Finds the closest known position for a path (falling back to its parents). */
export function positionOf(loaded: Pick<LoadedYaml, 'positions'>, path: string): Position | undefined {
  let current = path;
  for (;;) {
    const found = loaded.positions.get(current);
    if (found) return found;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) return loaded.positions.get('');
    current = current.slice(0, cut);
  }
}

/**
 * YAML 1.1 as PyYAML (and so Ansible) reads it: `yes/no/on/off/true/false` are booleans, but the single letters
 * `y`/`n` stay strings (the `yaml` package follows the 1.1 spec, which makes them booleans too).
 */
function asPyYamlBool<T>(tag: T): T {
  const scalar = tag as { tag?: string; test?: RegExp };
  if (scalar.tag !== 'tag:yaml.org,2002:bool' || !scalar.test) return tag;
  const test = new RegExp(scalar.test.source.replace(/^\^\(\?:[YN]\|[yn]\|/, '^(?:'));
  return { ...tag, test };
}

/** PyYAML's plain floats: a digit and a dot (`1.`, `1.5`, `.5`), an exponent only after a dot and with a sign. */
const PYYAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$/;

/**
 * Resolves floats as PyYAML does, so `.`, `1e5` or `-.5` stay strings as in Ansible (the library's YAML 1.1
 * floats take `.` for NaN). Infinity and NaN (`.inf`, `.nan`) keep their tag.
 */
function asPyYamlFloat<T>(tag: T): T {
  const scalar = tag as { tag?: string; test?: RegExp; format?: string };
  if (scalar.tag !== 'tag:yaml.org,2002:float' || !scalar.test || scalar.test.source.includes('inf'))
    return tag;
  return { ...tag, test: scalar.format === 'EXP' ? /^(?!)$/ : PYYAML_FLOAT };
}

/** `!vault` values (kept encrypted until used, see dsl/vault) and `!unsafe` strings (never templated). */
const unknownTagsAsStrings = [
  { tag: '!vault', resolve: (value: string) => ({ __vault__: value }) },
  { tag: '!unsafe', resolve: unsafeText },
];

/**
 * YAML text that is no playbook (`-e` values, a vars file read by a module) read as Ansible reads it: PyYAML's
 * booleans and floats, `!vault` values kept. Throws the first problem, naming `source` and its line and column.
 */
export function parseYamlValue(text: string, source: string, options: LoadOptions = {}): unknown {
  const loaded = loadYamlFile(source, text, options);
  const error = loaded.issues.find((issue) => issue.severity === 'error');
  if (error) throw new Error(`${source}:${error.line}:${error.column}: ${error.message}`);
  return loaded.value;
}
