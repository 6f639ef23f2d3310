import { type AsyncRequest, startInBackground } from '../async/background-job.js';
import { discoverPython, PythonWorker, type WorkerReply } from './python-worker.js';

/** The module code the controller built (runner/ansible/payload.ts): the module plus every module_util it imports. */
export interface PythonPayload {
  /** Content hash of everything below: the key the payload is cached under on the host. */
  hash: string;
  /** The module's name (`community.general.ini_file`), for file names in tracebacks. */
  name: string;
  /** The module's source, run as `__main__`. */
  main: string;
  /** Python module name → [source, is a package], served ahead of anything installed on the host. */
  modules: Record<string, [string, boolean]>;
}

/** What the runner sends to `run` for a task that runs an Ansible module. */
export interface AnsibleRequest {
  taskId: string;
  hash: string;
  /** Sent the first time a context needs this payload (or after it answered `_spindle_resend`). */
  payload?: PythonPayload;
  /** worker.py's source, sent with the first payload a context receives. */
  worker?: string;
  /** Module arguments with Ansible's `_ansible_*` conventions already added. */
  args: Record<string, unknown>;
  environment?: Record<string, string>;
  /** `ansible_python_interpreter`, when set (`auto…` values mean discovery). */
  interpreter?: string;
  /** The task has `async`: the module runs in a worker of its own, in the background (modules/async/). */
  async?: AsyncRequest;
}

const payloads = new Map<string, PythonPayload>();
const workers = new Map<string, PythonWorker>();
let workerScript: string | undefined;

/** Ansible's filter for module output: the JSON object between leading and trailing noise, if any. */
export function moduleJson(stdout: string): Record<string, unknown> | undefined {
  return filterModuleOutput(stdout).value;
}

/** The module's JSON object (if any) and the lines after it when they are not blank (Ansible's trailing junk). */
function filterModuleOutput(stdout: string): { value?: Record<string, unknown>; junk: string[] } {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('{'));
  if (start < 0) return { junk: [] };
  let end = lines.length - 1;
  while (end > start && !lines[end].trimEnd().endsWith('}')) end--;
  const after = lines.slice(end + 1);
  const junk = after.some((l) => l.trim() !== '') ? after : [];
  try {
    const value = JSON.parse(lines.slice(start, end + 1).join('\n')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? { value: value as Record<string, unknown>, junk }
      : { junk };
  } catch {
    return { junk };
  }
}

/** What async_wrapper adds to a job's result: the module's stderr, and a warning naming trailing junk. */
function jobExtras(parsed: Record<string, unknown>, junk: string[], stderr: string | undefined) {
  const warnings = Array.isArray(parsed.warnings)
    ? parsed.warnings
    : parsed.warnings
      ? [parsed.warnings]
      : [];
  // Python's splitlines() drops the empty piece after the last newline.
  const text = (junk.at(-1) === '' ? junk.slice(0, -1) : junk).join('\n');
  return {
    ...(junk.length > 0
      ? { warnings: [...warnings, `Module invocation had junk after the JSON data: ${text}`] }
      : {}),
    ...(stderr ? { stderr } : {}),
  };
}

/**
 * The task result of a module run. `job`: the run is an async job, whose record keeps what the module wrote to
 * stderr as `stderr`, and trailing junk after its JSON as a warning (as async_wrapper's does).
 */
function toResult(reply: WorkerReply, interpreter: string, job = false): Record<string, unknown> {
  const { value: parsed, junk } = filterModuleOutput(reply.stdout ?? '');
  if (parsed)
    return { ...parsed, ...(job ? jobExtras(parsed, junk, reply.stderr) : {}), _spindle_python: interpreter };
  return {
    failed: true,
    changed: false,
    msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error',
    module_stdout: reply.stdout ?? '',
    module_stderr: (reply.stderr ?? '') + (reply.exception ?? ''),
    ...(reply.exception ? { exception: reply.exception } : {}),
    rc: reply.rc ?? 1,
    _spindle_python: interpreter,
  };
}

/**
 * Runs an Ansible module in this context's persistent Python worker (started on first use), loading its
 * payload into the worker once. Answers `_spindle_resend` when this context lacks the payload or worker script.
 */
export async function run(request: AnsibleRequest): Promise<Record<string, unknown>> {
  if (request.worker) workerScript = request.worker;
  if (request.payload) payloads.set(request.payload.hash, request.payload);
  const payload = payloads.get(request.hash);
  const wanted =
    request.interpreter && !request.interpreter.startsWith('auto') ? request.interpreter : undefined;
  const interpreter = wanted ?? discoverPython();
  if (!interpreter)
    return {
      failed: true,
      changed: false,
      msg: 'no Python interpreter found on the host (tried /usr/bin/python3, python3, python); set ansible_python_interpreter',
    };
  let worker = workers.get(interpreter);
  if (!payload || (!workerScript && (request.async || !worker || worker.exited)))
    return { _spindle_resend: true };
  if (request.async) {
    // A job of its own worker, so the context's shared worker stays free for the tasks that follow.
    const own = new PythonWorker(interpreter, workerScript!);
    return startInBackground(request.async, request.environment, () =>
      runInWorker(own, payload, request, interpreter)
        .then(asJobRecord)
        .finally(() => own.close()),
    );
  }
  if (!worker || worker.exited) {
    worker = new PythonWorker(interpreter, workerScript!);
    workers.set(interpreter, worker);
  }
  return runInWorker(worker, payload, request, interpreter);
}

/**
 * A job's record of a module run, as async_wrapper writes it: output that is no JSON result leaves the module's
 * stdout in `data` and its stderr (the traceback) in `stderr`.
 */
function asJobRecord(result: Record<string, unknown>): Record<string, unknown> {
  if (!('module_stderr' in result)) return result;
  const { module_stdout, module_stderr, ...rest } = result;
  return { ...rest, data: module_stdout, stderr: module_stderr };
}

/** One module run in a Python worker, loading the payload into it first if it lacks it. */
async function runInWorker(
  worker: PythonWorker,
  payload: PythonPayload,
  request: AnsibleRequest,
  interpreter: string,
): Promise<Record<string, unknown>> {
  try {
    if (!worker.loaded.has(payload.hash)) {
      await worker.request({ op: 'load', ...payload });
      worker.loaded.add(payload.hash);
    }
    const reply = await worker.request({
      op: 'run',
      hash: payload.hash,
      args: request.args,
      environment: request.environment,
    });
    return toResult(reply, interpreter, request.async !== undefined);
  } catch (error) {
    return { failed: true, changed: false, msg: (error as Error).message };
  }
}
