import type { ModuleResult } from '../contract/define-module.js';
import { jobFilePath, writeJobFile } from './job-file.js';

/** What the runner adds to a task's request when the task has `async`: the job's id and time limit. */
export interface AsyncRequest {
  /** Ansible's job id (`j<number>.<pid>`), chosen by the runner so it can poll before the host answers. */
  jid: string;
  /** `async`: seconds the job may run; then its file records a timeout (Ansible's async_wrapper). */
  seconds: number;
}

/** Ansible's async_wrapper checks its job every 5 seconds, after a first 5: the limit ends on such a check. */
const WATCH_STEP_SECONDS = 5;

/** When a job's time limit is enforced: at the watcher's first check at or past `seconds`, as async_wrapper's. */
export function watchSeconds(seconds: number): number {
  return WATCH_STEP_SECONDS * (1 + Math.ceil(seconds / WATCH_STEP_SECONDS));
}

/**
 * Starts a module run in the background of this host's context and answers at once, as Ansible's
 * async_wrapper does: the job file says `started` until the run ends, then holds the module's result (or
 * "Timeout exceeded" once the limit passes first, see `watchSeconds`). The context keeps running the job while later tasks run.
 */
export async function startInBackground(
  job: AsyncRequest,
  environment: Record<string, string> | undefined,
  work: () => Promise<Record<string, unknown>>,
): Promise<ModuleResult> {
  const resultsFile = jobFilePath(job.jid, environment);
  await writeJobFile(resultsFile, { started: 1, finished: 0, ansible_job_id: job.jid });
  let settled = false;
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    writeJobFile(resultsFile, { msg: 'Timeout exceeded', failed: true, ansible_job_id: job.jid }).catch(
      () => {},
    );
  }, watchSeconds(job.seconds) * 1000);
  timer.unref?.();
  const finish = (result: Record<string, unknown>) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    writeJobFile(resultsFile, result).catch(() => {});
  };
  work().then(finish, (error: unknown) =>
    finish({
      failed: 1,
      msg: error instanceof Error ? error.message : String(error),
      ansible_job_id: job.jid,
    }),
  );
  return { changed: true, started: 1, finished: 0, ansible_job_id: job.jid, results_file: resultsFile };
}
