import { constants } from 'node:os';

/** Python's `strerror` of a Node error: libuv's text ("no such file or directory") with a capital first letter. */
export function strerror(error: NodeJS.ErrnoException): string {
  const text = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `str(OSError)` as Python prints it: `[Errno 20] Not a directory: '/etc/hostname/x'`. */
export function pythonOsError(error: NodeJS.ErrnoException): string {
  const errno = error.code ? (constants.errno as Record<string, number>)[error.code] : undefined;
  if (errno === undefined) return error.message;
  return `[Errno ${errno}] ${strerror(error)}${error.path ? `: '${error.path}'` : ''}`;
}
