import type { Stats } from 'node:fs';
import { formatMode } from './modes.js';

/** The type, ids, size, times and mode bits of a stat, under the names Ansible's stat and find give them. */
export function statFacts(st: Stats): Record<string, unknown> {
  const m = st.mode;
  return {
    mode: formatMode(m),
    isdir: st.isDirectory(),
    ischr: st.isCharacterDevice(),
    isblk: st.isBlockDevice(),
    isreg: st.isFile(),
    isfifo: st.isFIFO(),
    islnk: st.isSymbolicLink(),
    issock: st.isSocket(),
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    inode: st.ino,
    dev: st.dev,
    nlink: st.nlink,
    atime: st.atimeMs / 1000,
    mtime: st.mtimeMs / 1000,
    ctime: st.ctimeMs / 1000,
    wusr: (m & 0o200) !== 0,
    rusr: (m & 0o400) !== 0,
    xusr: (m & 0o100) !== 0,
    wgrp: (m & 0o020) !== 0,
    rgrp: (m & 0o040) !== 0,
    xgrp: (m & 0o010) !== 0,
    woth: (m & 0o002) !== 0,
    roth: (m & 0o004) !== 0,
    xoth: (m & 0o001) !== 0,
    isuid: (m & 0o4000) !== 0,
    isgid: (m & 0o2000) !== 0,
  };
}
