import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The reaper: one small `sh` per context process that knows the process groups of the running task
 * processes and kills them (SIGKILL to the whole group) when the context goes away for any reason — a
 * deliberate shutdown, the parent link dropping, or a kill -9 of the context itself. It learns the groups
 * through a pipe ("+PGID" when a task process starts, "-PGID" when it ends); the context holds the pipe's
 * only write end, so the pipe reaches end-of-file exactly when the context is gone. It ignores SIGINT and
 * SIGHUP, so a Ctrl-C in the controller's terminal does not take it down before the tasks it guards.
 */
const REAPER_SCRIPT = `trap '' INT HUP
groups=' '
while IFS= read -r line; do
  case $line in
    +*) groups="$groups\${line#+} " ;;
    -*) p=\${line#-}; n=' '; for g in $groups; do [ "$g" = "$p" ] || n="$n$g "; done; groups=$n ;;
  esac
done
for g in $groups; do kill -KILL "-$g" 2>/dev/null; done`;

let reaper: ChildProcess | null = null;

function started(): ChildProcess | null {
  if (reaper && reaper.exitCode === null && reaper.signalCode === null) return reaper;
  try {
    // Its own process group too: killing the context's group (a transport close) must not take it along.
    const child = spawn('/bin/sh', ['-c', REAPER_SCRIPT], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    child.on('error', () => {
      if (reaper === child) reaper = null;
    });
    child.stdin?.on('error', () => {});
    // Neither the reaper nor its pipe keeps the context alive.
    child.unref();
    (child.stdin as unknown as { unref?(): void } | null)?.unref?.();
    reaper = child;
    return child;
  } catch {
    return null;
  }
}

/** Registers a task process that leads its own process group (spawned `detached`); returns its release. */
export function guardProcessGroup(pid: number | undefined): () => void {
  if (pid === undefined) return () => {};
  const guard = started();
  guard?.stdin?.write(`+${pid}\n`);
  return () => {
    if (guard === reaper) guard?.stdin?.write(`-${pid}\n`);
  };
}
