import { readFileSync } from 'node:fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { DslIssue } from '../issues.js';
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
  const doc = parseDocument(text, {
    version: '1.1',
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    customTags: (tags) => [...tags.map(asPyYamlBool), ...unknownTagsAsStrings],
  });
  const issues: DslIssue[] = [];
  const at = (offset: number) => lineCounter.linePos(offset);
  for (const error of doc.errors) {
    const pos = at(error.pos[0]);
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
  const walk = (node: Node | null | undefined, path: string) => {
    if (!node) return;
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
        walk(pair.value as Node, valuePath);
        if (keyPos && pair.value && (pair.value as Node).range) {
          const vp = at((pair.value as Node).range![0]);
          positions.set(`${valuePath}#value`, { line: vp.line, column: vp.col });
        }
        checkScalar(pair.value as Node, valuePath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item as Node, childPath(path, index));
        checkScalar(item as Node, childPath(path, index));
      });
    } else if (isAlias(node)) {
      // aliases resolve to their anchor's value; positions point at the alias
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
  let value: unknown;
  try {
    walk(doc.contents as Node, '');
    value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // The yaml library throws (rather than reports) for an alias without its anchor or a merge of a non-map
    // (also when a complex key is printed): input errors, not crashes.
    const message = (error as Error).message;
    const alias = /: (\S+)$/.exec(message)?.[1];
    const pos = at(Math.max(0, alias ? text.indexOf(`*${alias}`) : 0));
    issues.push({ code: 'yaml', severity: 'error', message, file, line: pos.line, column: pos.col });
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

/** `!vault` values (kept encrypted until used, see dsl/vault) and `!unsafe` strings (never templated). */
const unknownTagsAsStrings = [
  { tag: '!vault', resolve: (value: string) => ({ __vault__: value }) },
  { tag: '!unsafe', resolve: (value: string) => value },
];
