import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandBudget } from './host-files.js';

/** Python configparser's reading of a `.fact` file: sections of lower-cased keys; undefined when not INI. */
function parseIni(text: string): Record<string, Record<string, string>> | undefined {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      current = sections[header[1]] ??= {};
      last = undefined;
      continue;
    }
    if (/^\s/.test(line) && current && last) {
      current[last] += `\n${line.trim()}`;
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!current) return undefined;
    if (!pair) {
      current[line.trim().toLowerCase()] = '';
      continue;
    }
    last = pair[1].trim().toLowerCase();
    current[last] = pair[2].trim();
  }
  return sections;
}

/**
 * The `local` collector: every `*.fact` file of `factPath`, by base name: an executable's output, or the
 * file's text, read as JSON, else as INI; a message (and a warning) for one that cannot be read.
 */
export function localFacts(factPath: string, warnings: string[]): Record<string, unknown> {
  let names: string[];
  try {
    names = readdirSync(factPath)
      .filter((n) => n.endsWith('.fact'))
      .sort();
  } catch {
    return { local: {} };
  }
  const local: Record<string, unknown> = {};
  for (const name of names) {
    const file = join(factPath, name);
    const key = name.replace('.fact', '');
    let out: string;
    try {
      if (statSync(file).mode & 0o100) {
        try {
          out = execFileSync(file, [], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: commandBudget.seconds * 1000,
          });
        } catch (error) {
          const e = error as { status?: number; stderr?: string; message: string };
          local[key] =
            e.status !== undefined && e.status !== null
              ? `Failure executing fact script (${file}), rc: ${e.status}, err: ${e.stderr ?? ''}`
              : `Could not execute fact script (${file}): ${e.message}`;
          warnings.push(String(local[key]));
          continue;
        }
      } else out = readFileSync(file, 'utf8').trim();
    } catch (error) {
      local[key] = `Could not stat fact (${file}): ${(error as Error).message}`;
      warnings.push(String(local[key]));
      continue;
    }
    try {
      local[key] = JSON.parse(out);
    } catch {
      const ini = parseIni(out);
      local[key] = ini ?? `error loading facts as JSON or ini - please check content: ${file}`;
      if (!ini) warnings.push(String(local[key]));
    }
  }
  return { local };
}
