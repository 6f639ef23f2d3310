import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseKeyValueArgs } from '../compile/kv.js';
import { parseYamlValue } from '../yaml/load.js';

/**
 * Parses `-e` values like ansible-playbook: `k=v k2="a b" k3={{ x }}`, JSON or YAML mappings, and `@file`; YAML
 * as PyYAML reads it (`1e3` stays text, `yes` is true).
 */
export function parseExtraVars(values: string[], cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const value of values) {
    const text = value.trim();
    if (text.startsWith('@')) {
      const file = resolve(cwd, text.slice(1));
      Object.assign(out, parseYamlValue(readFileSync(file, 'utf8'), file) ?? {});
    } else if (text.startsWith('{') || text.startsWith('---')) {
      Object.assign(out, parseYamlValue(text, '--extra-vars') ?? {});
    } else {
      // Ansible's parse_kv: a `{{ … }}` with spaces stays one value, quotes and escapes as in task arguments.
      Object.assign(out, parseKeyValueArgs(text));
    }
  }
  return out;
}
