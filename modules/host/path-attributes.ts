import { lstatSync } from 'node:fs';
import { groupNameOf, userNameOf } from './accounts.js';
import { formatMode } from './modes.js';

/** A path's attributes as Ansible's file-writing modules return them (`state`, `mode`, `owner`, `uid` …). */
export function pathAttributes(path: string): Record<string, unknown> {
  const st = lstatSync(path);
  return {
    state: st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'link' : st.isFile() ? 'file' : 'hard',
    mode: formatMode(st.mode),
    uid: st.uid,
    gid: st.gid,
    owner: userNameOf(st.uid) ?? String(st.uid),
    group: groupNameOf(st.gid) ?? String(st.gid),
    size: st.size,
  };
}
