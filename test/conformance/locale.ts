import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The locales a script names (`LC_ALL=en_US.UTF-8`, `LANG=de_DE.utf8` …), as `language_TERRITORY.charset`. */
export function localesNamed(script: string): string[] {
  const names = script.match(/\b[a-z]{2,3}_[A-Z]{2}\.(?:UTF-8|utf-?8)\b/g) ?? [];
  return [...new Set(names)];
}

function installed(): Set<string> {
  try {
    const out = execFileSync('locale', ['-a'], { encoding: 'utf8' });
    return new Set(out.split('\n').map((l) => l.trim().toLowerCase().replace('utf-8', 'utf8')));
  } catch {
    return new Set();
  }
}

/**
 * Makes the locales a script names available as ansible-test's containers have them: those the system lacks are
 * compiled with `localedef` into `dir`, and the returned environment (`LOCPATH`) points the C library there.
 * Empty when nothing had to be compiled; a locale that cannot be compiled is left missing (the script then
 * fails the same way under both tools).
 */
export function ensureLocales(script: string, dir: string): Record<string, string> {
  const have = installed();
  const missing = localesNamed(script).filter(
    (name) => !have.has(name.toLowerCase().replace('utf-8', 'utf8')),
  );
  if (missing.length === 0) return {};
  mkdirSync(dir, { recursive: true });
  for (const name of missing) {
    if (existsSync(join(dir, name))) continue;
    const [language] = name.split('.');
    try {
      execFileSync('localedef', ['-i', language, '-f', 'UTF-8', join(dir, name)], { stdio: 'ignore' });
    } catch {
      // localedef exits non-zero on warnings too; the folder exists when it compiled
    }
  }
  return { LOCPATH: dir };
}
