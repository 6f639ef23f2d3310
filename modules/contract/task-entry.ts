import { getRuntime } from '../../bootstrap/runtime-api.js';
import type { AsyncRequest } from '../async/background-job.js';
import { startInBackground } from '../async/background-job.js';
import { streamToFile } from '../host/stream-to-file.js';
import type { ModuleDefinition, ModuleEnv, ModuleResult } from './define-module.js';
import { runModule } from './run-module.js';

/** What the runner sends with CALL_FUNCTION to a module's `run` export: rendered args plus the task's switches. */
export interface TaskRequest {
  /** The task's graph id, so live output can be tied back to host and task (`spindle.task.<taskId>.stdout`). */
  taskId: string;
  args: unknown;
  /** The controller already checked `args` against the module's schema (and sends the parsed form). */
  validated?: boolean;
  check: boolean;
  diff: boolean;
  environment?: Record<string, string>;
  /** The task has `no_log`: its output lines are not streamed to the controller. */
  quiet?: boolean;
  /** The task has `async`: the run starts in the background and the call answers with the job's id at once. */
  async?: AsyncRequest;
}

/** The logger name under which a task's live output travels as FORWARD_LOG. */
export function taskOutputLogger(taskId: string, stream: 'stdout' | 'stderr'): string {
  return `spindle.task.${taskId}.${stream}`;
}

/**
 * Builds the `run` export of a remote module file: `export const run = taskEntry(fileModule)`. The runner
 * calls it through CALL_FUNCTION; the environment is wired to the hosting context's runtime.
 */
export function taskEntry(definition: ModuleDefinition): (request: TaskRequest) => Promise<ModuleResult> {
  return (request) => {
    // A background job's output is not streamed: its task has ended by then (Ansible shows none either).
    const env = remoteEnv(request.async ? { ...request, quiet: true } : request);
    const run = () => runModule(definition, request.args, env, { validated: request.validated });
    return request.async ? startInBackground(request.async, request.environment, run) : run();
  };
}

function remoteEnv(request: TaskRequest): ModuleEnv {
  const runtime = getRuntime();
  return {
    check: request.check,
    diff: request.diff,
    environment: request.environment,
    log(line, stream = 'stdout') {
      if (!request.quiet) runtime?.log(taskOutputLogger(request.taskId, stream), 'info', line);
    },
    async fetchControllerFile(path) {
      if (!runtime) throw new Error('no hosting context: cannot fetch controller files');
      const chunks: Uint8Array[] = [];
      await runtime.receiveFile(path, (chunk) => {
        chunks.push(chunk);
      });
      return Buffer.concat(chunks);
    },
    async streamControllerFile(path, dest) {
      if (!runtime) throw new Error('no hosting context: cannot fetch controller files');
      return streamToFile(dest, (sink) => runtime.receiveFile(path, sink));
    },
  };
}
