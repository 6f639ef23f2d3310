import { existsSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { z } from 'zod';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';

/** Options Ansible documents that this module does not implement (docs/modules), with "not used" values. */
const UNSUPPORTED = { active_connection_states: null, exclude_hosts: null } as const;
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
    ...unsupportedOptions(UNSUPPORTED),
  })
  .strict();

function portOpen(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** `wait_for`: waits until a port opens or closes, or a file appears, disappears or contains a pattern. */
export const waitForModule = defineModule({
  name: 'wait_for',
  summary: 'Wait for a port to open or close, or a file to appear, disappear or match.',
  runsOn: 'remote',
  idempotent: true,
  // Ansible's wait_for has no check mode support: the task is skipped, nothing is waited for.
  checkMode: 'unsupported',
  unsupportedArgs: UNSUPPORTED,
  args,
  probe: async () => null,
  plan: (a) => ({
    steps: [{ do: 'wait' }],
    reason: a.port ? `wait for port ${a.port}` : `wait for ${a.path}`,
  }),
  async apply(a) {
    const started = Date.now();
    await new Promise((r) => setTimeout(r, a.delay * 1000));
    const want = a.state === 'started' || a.state === 'present';
    const satisfied = async (): Promise<boolean> => {
      if (a.port !== undefined) return (await portOpen(a.host, a.port, a.connect_timeout * 1000)) === want;
      if (a.path !== undefined) {
        const exists = existsSync(a.path);
        if (!want) return !exists;
        return (
          exists && (!a.search_regex || new RegExp(a.search_regex, 'm').test(readFileSync(a.path, 'utf8')))
        );
      }
      return true;
    };
    while (!(await satisfied())) {
      if (Date.now() - started >= a.timeout * 1000) {
        throw new ModuleFailure(
          a.msg ?? `Timeout when waiting for ${a.port !== undefined ? `${a.host}:${a.port}` : a.path}`,
          { elapsed: Math.round((Date.now() - started) / 1000) },
        );
      }
      await new Promise((r) => setTimeout(r, a.sleep * 1000));
    }
    return {
      changed: false,
      elapsed: Math.round((Date.now() - started) / 1000),
      state: a.state,
      ...(a.port !== undefined ? { port: a.port } : { path: a.path }),
    };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(waitForModule);
