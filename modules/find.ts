import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { glob } from './host/glob.js';
import { formatMode } from './host/modes.js';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())));
const args = withAliases(
  z
    .object({
      paths: list,
      patterns: list.default(['*']),
      excludes: list.optional(),
      use_regex: z.boolean().default(false),
      file_type: z.enum(['file', 'directory', 'link', 'any']).default('file'),
      recurse: z.boolean().default(false),
      hidden: z.boolean().default(false),
      age: z.string().optional(),
      size: z.string().optional(),
      contains: z.string().optional(),
      depth: z.number().int().min(1).optional(),
      get_checksum: z.boolean().default(false),
      age_stamp: z.enum(['atime', 'ctime', 'mtime']).default('mtime'),
      follow: z.boolean().default(false),
      read_whole_file: z.boolean().default(false),
    })
    .strict(),
  { name: 'paths', path: 'paths', pattern: 'patterns', exclude: 'excludes' },
);

const UNITS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  b: 1,
  k: 1024,
  g: 1024 ** 3,
};

function threshold(text: string, unitDefault: string): { value: number; older: boolean } {
  const match = /^(-?)(\d+)([smhdwbkg]?)$/i.exec(text.trim());
  if (!match) throw new Error(`invalid value ${text}`);
  const unit = (match[3] || unitDefault).toLowerCase();
  return {
    value: Number(match[2]) * (unit === 'm' && unitDefault === 'b' ? 1024 ** 2 : UNITS[unit]),
    older: match[1] !== '-',
  };
}

/** The time `age` is measured from (`age_stamp`), in milliseconds. */
function stampOf(st: Stats, stamp: 'atime' | 'ctime' | 'mtime'): number {
  return stamp === 'atime' ? st.atimeMs : stamp === 'ctime' ? st.ctimeMs : st.mtimeMs;
}

/**
 * Ansible's `contains`: matched from the start of any one line, or searched anywhere in the whole text with
 * `read_whole_file` (so a pattern may span lines).
 */
export function containsMatch(pattern: string, text: string, wholeFile: boolean): boolean {
  if (wholeFile) return new RegExp(pattern).test(text);
  const anchored = new RegExp(`^(?:${pattern})`);
  return text.split('\n').some((line) => anchored.test(line));
}

/** `find`: lists files matching patterns, age, size, type and content (Ansible's `find`). */
export const findModule = defineModule({
  name: 'find',
  summary: 'Find files by name pattern, type, age, size or content.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a) {
    const files: Array<Record<string, unknown>> = [];
    const matchers = a.patterns.map((p) => (a.use_regex ? (n: string) => new RegExp(p).test(n) : glob(p)));
    const excluders = (a.excludes ?? []).map((p) =>
      a.use_regex ? (n: string) => new RegExp(p).test(n) : glob(p),
    );
    const now = Date.now() / 1000;
    const walk = async (dir: string, depth: number) => {
      let entries: string[];
      try {
        entries = await readdir(dir);
      } catch {
        return;
      }
      for (const name of entries.sort()) {
        if (!a.hidden && name.startsWith('.')) continue;
        const path = join(dir, name);
        const st = a.follow ? await stat(path).catch(() => lstat(path)) : await lstat(path);
        const type = st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'link' : 'file';
        let ok =
          (a.file_type === 'any' || a.file_type === type) &&
          matchers.some((m) => m(name)) &&
          !excluders.some((m) => m(name));
        if (ok && a.age) {
          const t = threshold(a.age, 's');
          const age = now - stampOf(st, a.age_stamp) / 1000;
          ok = t.older ? age >= t.value : age <= t.value;
        }
        if (ok && a.size) {
          const t = threshold(a.size, 'b');
          ok = t.older ? st.size >= t.value : st.size <= t.value;
        }
        if (ok && a.contains && type === 'file')
          ok = containsMatch(a.contains, await readFile(path, 'utf8'), a.read_whole_file);
        if (ok) {
          const entry: Record<string, unknown> = {
            path,
            size: st.size,
            mode: formatMode(st.mode),
            isdir: type === 'directory',
            isreg: type === 'file',
            islnk: type === 'link',
            uid: st.uid,
            gid: st.gid,
            mtime: st.mtimeMs / 1000,
          };
          if (a.get_checksum && type === 'file')
            entry.checksum = createHash('sha1')
              .update(await readFile(path))
              .digest('hex');
          files.push(entry);
        }
        if (type === 'directory' && a.recurse && (a.depth === undefined || depth < a.depth))
          await walk(path, depth + 1);
      }
    };
    for (const root of a.paths) await walk(root, 1);
    return files;
  },
  plan: (_a, files) => ({ steps: [], reason: `${files.length} files found` }),
  apply: async () => ({ changed: false }),
  report: (_a, files) => ({ files, matched: files.length, examined: files.length }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(findModule);
