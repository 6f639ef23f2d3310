import { readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { activeConnections, tcpStateId } from './host/tcp-connections.js';
import { pythonRegExp } from './text/python-re.js';

const ACTIVE_STATES = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'];
const args = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(1).max(65535).optional(),
    path: z.string().optional(),
    state: z.enum(['started', 'stopped', 'present', 'absent', 'drained']).default('started'),
    timeout: z.number().min(0).default(300),
    delay: z.number().min(0).default(0),
    sleep: z.number().min(0).default(1),
    search_regex: z.string().optional(),
    connect_timeout: z.number().min(0).default(5),
    msg: z.string().optional(),
    active_connection_states: z.array(z.string()).default(ACTIVE_STATES),
    exclude_hosts: z.array(z.string()).optional(),
  })
  .strict();
type Args = z.infer<typeof args>;

const pause = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

/** Connects to host:port within `seconds`; the open socket, or undefined when nothing answers. */
function connect(host: string, port: number, seconds: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const fail = () => {
      socket.destroy();
      resolve(undefined);
    };
    socket.setTimeout(seconds * 1000, fail);
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', fail);
      socket.on('error', () => {});
      resolve(socket);
    });
    socket.connect(port, host);
  });
}

/** Whether what the port sends matches `pattern` before `end` (or the peer closes). */
function portSends(socket: Socket, pattern: RegExp, end: number): Promise<boolean> {
  return new Promise((resolve) => {
    let data = '';
    const done = (matched: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(matched);
    };
    const timer = setTimeout(() => done(false), Math.max(0, end - Date.now()));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (pattern.test(data)) done(true);
    });
    socket.once('end', () => done(false));
    socket.once('close', () => done(false));
  });
}

/** What a successful file search found: Python's `groups()` and `groupdict()`. */
interface Found {
  groups: Array<string | null>;
  groupdict: Record<string, string | null>;
}

/** Searches a file's bytes (as Ansible does, not its decoded text) for the pattern. */
async function searchFile(path: string, pattern: RegExp): Promise<Found | undefined> {
  const text = await readFile(path)
    .then((b) => b.toString('latin1'))
    .catch(() => undefined);
  const match = text === undefined ? null : pattern.exec(text);
  if (!match) return undefined;
  return {
    groups: match.slice(1).map((g) => g ?? null),
    groupdict: Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, v ?? null])),
  };
}

/** Ansible's up-front refusals (elapsed 0). */
function refusal(a: Args): string | undefined {
  if (a.port !== undefined && a.path !== undefined)
    return 'port and path parameter can not both be passed to wait_for';
  if (a.path !== undefined && (a.state === 'stopped' || a.state === 'drained'))
    return `state=${a.state} should only be used for checking a port in the wait_for module`;
  if (a.exclude_hosts !== undefined && a.state !== 'drained')
    return 'exclude_hosts should only be with state=drained';
  const unknown = a.active_connection_states.find((s) => tcpStateId(s) === undefined);
  return unknown === undefined ? undefined : `unknown active_connection_state (${unknown}) defined`;
}

/** The failure message when the wait runs out, as Ansible words each case. */
function timeoutMessage(a: Args): string {
  const where = `${a.host}:${a.port}`;
  if (a.state === 'drained') return `Timeout when waiting for ${where} to drain`;
  if (a.state === 'absent' || a.state === 'stopped')
    return a.port !== undefined
      ? `Timeout when waiting for ${where} to stop.`
      : `Timeout when waiting for ${a.path} to be absent.`;
  if (a.search_regex !== undefined)
    return `Timeout when waiting for search string ${a.search_regex} in ${a.port !== undefined ? where : a.path}`;
  return a.port !== undefined
    ? `Timeout when waiting for ${where}`
    : `Timeout when waiting for file ${a.path}`;
}

/**
 * One check of the awaited condition: true when it holds; `found` receives a file search's groups. `end` bounds
 * how long a port check may wait for data.
 */
async function holds(a: Args, pattern: RegExp | undefined, end: number, found: (f: Found) => void) {
  if (a.state === 'drained')
    return (await activeConnections(a.host, a.port ?? 0, a.active_connection_states, a.exclude_hosts)) === 0;
  const gone = a.state === 'absent' || a.state === 'stopped';
  if (a.path !== undefined) {
    const exists = await stat(a.path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || gone) return false;
        throw new ModuleFailure(a.msg ?? `Failed to stat ${a.path}, ${error.message}`);
      },
    );
    if (gone || !exists || !pattern) return gone ? !exists : exists;
    const match = await searchFile(a.path, pattern);
    if (match) found(match);
    return match !== undefined;
  }
  const seconds = gone
    ? a.connect_timeout
    : Math.min(a.connect_timeout, Math.ceil((end - Date.now()) / 1000));
  const socket = await connect(a.host, a.port!, seconds);
  if (gone || !socket || !pattern) {
    socket?.destroy();
    return gone ? !socket : Boolean(socket);
  }
  return portSends(socket, pattern, end);
}

/** `wait_for`: waits a while, or until a port opens, closes or drains, or a file appears, disappears or matches. */
export const waitForModule = defineModule({
  name: 'wait_for',
  pathArgs: ['path'],
  summary: 'Wait for a port to open, close or drain, or a file to appear, disappear or match.',
  runsOn: 'remote',
  idempotent: true,
  // Ansible's wait_for has no check mode support: the task is skipped, nothing is waited for.
  checkMode: 'unsupported',
  args,
  probe: async () => null,
  plan: (a) => ({
    steps: [{ do: 'wait' }],
    reason: a.port ? `wait for port ${a.port}` : `wait for ${a.path ?? `${a.timeout} s`}`,
  }),
  async apply(a) {
    const refused = refusal(a);
    if (refused) throw new ModuleFailure(refused, { elapsed: 0 });
    let pattern: RegExp | undefined;
    try {
      pattern = a.search_regex === undefined ? undefined : pythonRegExp(a.search_regex, 'm');
    } catch (error) {
      throw new ModuleFailure(`Invalid regular expression: ${(error as Error).message}`);
    }
    const started = Date.now();
    const elapsed = () => Math.floor((Date.now() - started) / 1000);
    if (a.delay) await pause(a.delay);
    let found: Found = { groups: [], groupdict: {} };
    if (a.port === undefined && a.path === undefined && a.state !== 'drained') await pause(a.timeout);
    else {
      const end = started + a.timeout * 1000;
      for (;;) {
        if (Date.now() >= end) throw new ModuleFailure(a.msg ?? timeoutMessage(a), { elapsed: elapsed() });
        if (await holds(a, pattern, end, (f) => (found = f))) break;
        await pause(a.sleep);
      }
    }
    return {
      changed: false,
      state: a.state,
      port: a.port ?? null,
      search_regex: a.search_regex ?? null,
      match_groups: found.groups,
      match_groupdict: found.groupdict,
      path: a.path ?? null,
      elapsed: elapsed(),
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(waitForModule);
