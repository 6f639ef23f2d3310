import { spawnSync } from 'node:child_process';

/** Letters `lsattr` prints, by the names Ansible reports in `attributes`. */
const attributeNames: Readonly<Record<string, string>> = {
  A: 'noatime',
  a: 'append',
  c: 'compressed',
  C: 'nocow',
  d: 'nodump',
  D: 'dirsync',
  e: 'extents',
  E: 'encrypted',
  h: 'blocksize',
  i: 'immutable',
  I: 'indexed',
  j: 'journalled',
  N: 'inline',
  s: 'zero',
  S: 'synchronous',
  t: 'notail',
  T: 'blockroot',
  u: 'undelete',
  X: 'compressedraw',
  Z: 'compresseddirty',
};

/** A path's file attributes (`lsattr -vd`), as stat's `version`/`attributes`/`attr_flags`. */
export interface FileAttributes {
  version: string | null;
  attributes: string[];
  attr_flags: string;
}

function run(argv: string[]): string | undefined {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout : undefined;
}

/** The file attributes of a path; empty (version null) where `lsattr` is missing or cannot read them (links). */
export function fileAttributesOf(path: string): FileAttributes {
  const out = run(['lsattr', '-vd', path]);
  const words = out?.trim().split(/\s+/) ?? [];
  if (words.length < 2) return { version: null, attributes: [], attr_flags: '' };
  const flags = words[1].replace(/-/g, '');
  return {
    version: words[0],
    attributes: [...flags].flatMap((letter) => attributeNames[letter] ?? []),
    attr_flags: flags,
  };
}

/** A path's MIME type and charset from `file --mime-type --mime-encoding`; `unknown` when it cannot tell. */
export function mimeOf(path: string): { mimetype: string; charset: string } {
  const out = run(['file', '--mime-type', '--mime-encoding', path]);
  const tail = out?.slice(out.lastIndexOf(':') + 1).split(';');
  if (tail?.length !== 2) return { mimetype: 'unknown', charset: 'unknown' };
  return { mimetype: tail[0].trim(), charset: (tail[1].split('=')[1] ?? '').trim() };
}
