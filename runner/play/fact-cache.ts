import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Ansible's `jsonfile` fact cache (ANSIBLE_CACHE_PLUGIN=jsonfile): each host's facts — gathered ones and
 * `set_fact` with `cacheable: true` — kept as JSON in `CONNECTION/PREFIXhost`, so a later run sees them.
 */
export interface FactCache {
  dir: string;
  prefix: string;
}

function fileOf(cache: FactCache, host: string): string {
  return join(cache.dir, `${cache.prefix}${host}`);
}

/** A host's cached facts (none when the file is missing or unreadable). */
export function readCachedFacts(cache: FactCache, host: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(fileOf(cache, host), 'utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Stores a host's facts for later runs. */
export function writeCachedFacts(cache: FactCache, host: string, facts: Record<string, unknown>): void {
  mkdirSync(cache.dir, { recursive: true });
  writeFileSync(fileOf(cache, host), JSON.stringify(facts, null, 4));
}

/** `--flush-cache`: forgets the cached facts of these hosts. */
export function flushCachedFacts(cache: FactCache, hosts: Iterable<string>): void {
  for (const host of hosts) rmSync(fileOf(cache, host), { force: true });
}
