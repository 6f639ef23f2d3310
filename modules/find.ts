import { createHash } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { lstat, opendir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { groupNameOf, userNameOf } from './host/accounts.js';
import { glob } from './host/glob.js';
import { pythonOsError } from './host/os-error.js';
import { statFacts } from './host/stat-facts.js';
import { pythonRegExp } from './text/python-re.js';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())));
const args = withAliases(
  z
    .object({
      paths: list,
      patterns: list.default([]),
      excludes: list.optional(),
      use_regex: z.boolean().default(false),
      file_type: z.enum(['file', 'directory', 'link', 'any']).default('file'),
      recurse: z.boolean().default(false),
      hidden: z.boolean().default(false),
      age: z.string().optional(),
      size: z.string().optional(),
      contains: z.string().optional(),
      depth: z.number().int().optional(),
      get_checksum: z.boolean().default(false),
      age_stamp: z.enum(['atime', 'ctime', 'mtime']).default('mtime'),
      follow: z.boolean().default(false),
      read_whole_file: z.boolean().default(false),
    })
    .strict(),
  { name: 'paths', path: 'paths', pattern: 'patterns', exclude: 'excludes' },
);
type Args = z.infer<typeof args>;

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const BYTES: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `age`/`size` as Ansible reads them: a signed number and a unit; negative means "at most". */
function amount(
  text: string | undefined,
  units: Record<string, number>,
  what: 'age' | 'size',
): number | undefined {
  if (text === undefined) return undefined;
  const match = new RegExp(`^(-?\\d+)([${Object.keys(units).join('')}])?$`).exec(text.toLowerCase());
  if (!match) throw new ModuleFailure(`failed to process ${what}`, { [what]: text });
  return Number(match[1]) * (match[2] ? units[match[2]] : 1);
}

/** At least |limit| for a positive limit, at most |limit| for a negative one (Ansible's age and size filters). */
function within(value: number, limit: number | undefined): boolean {
  if (limit === undefined) return true;
  return limit >= 0 ? value >= Math.abs(limit) : value <= Math.abs(limit);
}

/** Ansible's name filter: a pattern matches (fnmatch, or `re.match` from the start) and no exclude does. */
function nameFilter(a: Args): (name: string) => boolean {
  const patterns = a.patterns.length > 0 ? a.patterns : [a.use_regex ? '.*' : '*'];
  const matcher = (p: string) => {
    if (!a.use_regex) return glob(p);
    const re = pythonRegExp(`^(?:${p})`, 's');
    return (name: string) => re.test(name);
  };
  const includes = patterns.map(matcher);
  const excludes = (a.excludes ?? []).map(matcher);
  return (name) => includes.some((m) => m(name)) && !excludes.some((m) => m(name));
}

/**
 * Ansible's `contains`: `re.match` on each line (from a line's start), or `re.search` in the whole text with
 * `read_whole_file` (so a pattern may span lines). A file that cannot be read as text does not match.
 */
export function containsMatch(pattern: string, text: string, wholeFile: boolean): boolean {
  if (wholeFile) return pythonRegExp(pattern).test(text);
  const anchored = pythonRegExp(`^(?:${pattern})`);
  return text.split(/(?<=\n)/).some((line) => anchored.test(line));
}

async function contentMatches(path: string, a: Args): Promise<boolean> {
  if (a.contains === undefined) return true;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
    return containsMatch(a.contains, text, a.read_whole_file);
  } catch {
    return false;
  }
}

/** One folder's entries as `os.walk` splits them: folders (links to folders too) and everything else. */
async function listFolder(dir: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  const handle = await opendir(dir);
  for await (const entry of handle as AsyncIterable<Dirent>) {
    const isDir =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await stat(join(dir, entry.name)).catch(() => undefined))?.isDirectory());
    (isDir ? dirs : files).push(entry.name);
  }
  return { dirs, files };
}

/** What `find` reports of one path: its stat facts with the account names ('' when unknown). */
function entryFacts(path: string, st: Stats): Record<string, unknown> {
  return { path, ...statFacts(st), gr_name: groupNameOf(st.gid) ?? '', pw_name: userNameOf(st.uid) ?? '' };
}

/** What a find gathered: the matches, how many entries it looked at, and the paths it had to skip. */
export interface Found {
  files: Array<Record<string, unknown>>;
  examined: number;
  skipped: Record<string, string>;
  warnings: string[];
}

/** `os.path.expanduser(os.path.expandvars(path))`. */
function expandPath(path: string): string {
  const vars = path.replace(
    /\$(\w+)|\$\{(\w+)\}/g,
    (all, a: string, b: string) => process.env[a ?? b] ?? all,
  );
  return vars === '~' || vars.startsWith('~/') ? homedir() + vars.slice(1) : vars;
}

/** Walks one of `paths` top-down as Ansible's `os.walk` does, adding what matches to `found`. */
async function walkPath(root: string, a: Args, found: Found, now: number): Promise<void> {
  const matchesName = nameFilter(a);
  const age = amount(a.age, SECONDS, 'age');
  const size = amount(a.size, BYTES, 'size');
  const rootSlashes = (root.replace(/\/+$/, '') + sep).split(sep).length - 1;
  const visit = async (dir: string): Promise<void> => {
    const { dirs, files } = await listFolder(dir);
    found.examined += files.length + dirs.length;
    const descend: string[] = [];
    for (const name of [...files, ...dirs]) {
      const path = normalize(join(dir, name));
      if (a.depth && path.split(sep).length - 1 - rootSlashes + 1 > a.depth) continue;
      if (dirs.includes(name)) descend.push(name);
      if (name.startsWith('.') && !a.hidden) continue;
      let st: Stats;
      try {
        st = await lstat(path);
      } catch (error) {
        const text = pythonOsError(error as NodeJS.ErrnoException);
        found.warnings.push(`Skipped entry '${path}' due to this access issue: ${text}\n`);
        found.skipped[path] = text;
        continue;
      }
      if (!matchesName(name) || !within(now - stampOf(st, a.age_stamp), age)) continue;
      const isReg = st.isFile();
      let take = false;
      if (a.file_type === 'any') take = !isReg || within(st.size, size);
      else if (a.file_type === 'directory') take = st.isDirectory();
      else if (a.file_type === 'link') take = st.isSymbolicLink();
      else take = isReg && within(st.size, size) && (await contentMatches(path, a));
      if (!take) continue;
      const facts = entryFacts(path, st);
      if (isReg && a.get_checksum && a.file_type !== 'directory')
        facts.checksum = createHash('sha1')
          .update(await readFile(path))
          .digest('hex');
      found.files.push(facts);
    }
    if (!a.recurse) return;
    for (const name of descend) {
      const path = join(dir, name);
      if (a.follow || !(await lstat(path)).isSymbolicLink()) await visit(path);
    }
  };
  await visit(root);
}

/** The time `age` is measured from (`age_stamp`), in seconds. */
function stampOf(st: Stats, stamp: 'atime' | 'ctime' | 'mtime'): number {
  return (stamp === 'atime' ? st.atimeMs : stamp === 'ctime' ? st.ctimeMs : st.mtimeMs) / 1000;
}

/** `find`: lists files matching patterns, age, size, type and content (Ansible's `find`). */
export const findModule = defineModule({
  name: 'find',
  summary: 'Find files by name pattern, type, age, size or content.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a): Promise<Found> {
    const found: Found = { files: [], examined: 0, skipped: {}, warnings: [] };
    const now = Date.now() / 1000;
    for (const given of a.paths) {
      const root = expandPath(given);
      try {
        if (!(await stat(root).catch(() => undefined))?.isDirectory())
          throw new Error(`'${root}' is not a directory`);
        await walkPath(root, a, found, now);
      } catch (error) {
        if (error instanceof ModuleFailure) throw error;
        const text = (error as NodeJS.ErrnoException).code
          ? pythonOsError(error as NodeJS.ErrnoException)
          : (error as Error).message;
        found.skipped[root] = text;
        found.warnings.push(`Skipped '${root}' path due to this access issue: ${text}\n`);
      }
    }
    return found;
  },
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (_a, found) => ({
    files: found.files,
    msg:
      found.warnings.length > 0 ? 'Not all paths examined, check warnings for details' : 'All paths examined',
    matched: found.files.length,
    examined: found.examined,
    skipped_paths: found.skipped,
    ...(found.warnings.length > 0 ? { warnings: found.warnings } : {}),
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(findModule);
