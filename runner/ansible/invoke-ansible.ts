import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnsibleModuleRef } from '../../dsl/ansible/resolve.js';
import { installHint } from '../../dsl/ansible/task-arguments.js';
import type { AsyncRequest } from '../../modules/async/background-job.js';
import type { AnsibleRequest, PythonPayload } from '../../modules/python/ansible-module.js';
import { type Context, ref } from '../core/index.js';
import { packageRoot } from '../core/package-root.js';
import { type AnsibleTaskSettings, ansibleResult, withAnsibleConventions } from './ansible-args.js';
import { buildPayload } from './payload.js';

const payloads = new Map<string, PythonPayload>();
const shipped = new WeakMap<Context, Set<string>>();
let workerSource: string | undefined;

/** The remote entry point that runs Ansible modules, relative to the package root. */
export const ANSIBLE_ENTRY = 'modules/python/ansible-module.ts';

function entry(): string {
  return join(packageRoot(), ANSIBLE_ENTRY);
}

/** The payload of a module, built once per run (per controller process). */
function payloadOf(module: AnsibleModuleRef, playbookDir: string): PythonPayload {
  let payload = payloads.get(module.source!);
  if (!payload) {
    payload = buildPayload(module, playbookDir);
    payloads.set(module.source!, payload);
  }
  return payload;
}

/** What a task needs to run an Ansible module on one host. */
export interface AnsibleInvocation {
  module: AnsibleModuleRef;
  playbookDir: string;
  taskId: string;
  args: Record<string, unknown>;
  settings: AnsibleTaskSettings;
  environment?: Record<string, string>;
  interpreter?: string;
  /** The task has `async`: the module starts as a background job on the host (modules/async/). */
  async?: AsyncRequest;
}

/**
 * Runs an Ansible module in a host's context: ships the payload (and the worker script) the first time that
 * context needs it, then calls the remote entry; the module's JSON becomes the task result.
 */
export async function invokeAnsibleModule(
  ctx: Context,
  call: AnsibleInvocation,
): Promise<Record<string, unknown>> {
  if (!call.module.source)
    return { changed: false, failed: true, msg: installHint(call.module.fqcn, call.module.collection) };
  const payload = payloadOf(call.module, call.playbookDir);
  workerSource ??= readFileSync(join(packageRoot(), 'modules', 'python', 'worker.py'), 'utf8');
  const sent = shipped.get(ctx) ?? new Set<string>();
  shipped.set(ctx, sent);
  const request = (full: boolean): AnsibleRequest => ({
    taskId: call.taskId,
    hash: payload.hash,
    args: withAnsibleConventions(call.args, call.settings),
    ...(call.environment ? { environment: call.environment } : {}),
    ...(call.interpreter ? { interpreter: call.interpreter } : {}),
    ...(call.async ? { async: call.async } : {}),
    ...(full || !sent.has(payload.hash) ? { payload } : {}),
    ...(full || sent.size === 0 ? { worker: workerSource } : {}),
  });
  const first = request(false);
  sent.add(payload.hash);
  let raw = await ctx.call<Record<string, unknown>>(ref(entry(), 'run'), first);
  if (raw._spindle_resend) raw = await ctx.call<Record<string, unknown>>(ref(entry(), 'run'), request(true));
  return ansibleResult(raw);
}
