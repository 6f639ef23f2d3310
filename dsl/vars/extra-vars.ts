import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { parseKeyValueArgs } from '../compile/kv.js';

/** Parses `-e` values like ansible-playbook: `k=v k2="a b" k3={{ x }}`, JSON or YAML mappings, and `@file`. */
export function parseExtraVars(values: string[], cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const value of values) {
    const text = value.trim();
    if (text.startsWith('@')) {
      Object.assign(out, parse(readFileSync(resolve(cwd, text.slice(1)), 'utf8')) ?? {});
    } else if (text.startsWith('{') || text.startsWith('---')) {
      Object.assign(out, parse(text) ?? {});
    } else {
      // Ansible's parse_kv: a `{{ … }}` with spaces stays one value, quotes and escapes as in task arguments.
      Object.assign(out, parseKeyValueArgs(text));
    }
  }
  return out;
}
