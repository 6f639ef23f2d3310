import { z } from 'zod';
import { jobFilePath, readJobFile, removeJobFile } from './async/job-file.js';
import { defineModule, ModuleFailure } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';

const args = z
  .object({
    jid: z.coerce.string(),
    mode: z.enum(['status', 'cleanup']).default('status'),
  })
  .strict();

/** The keys Ansible's async_status starts every answer with, before the job's own. */
function baseFields(jid: string): Record<string, unknown> {
  return {
    ansible_job_id: jid,
    started: 0,
    finished: 0,
    stdout: '',
    stderr: '',
    stdout_lines: [],
    stderr_lines: [],
  };
}

/**
 * `async_status`: reports (or erases) a background job started by a task with `async` (modules/async/): the
 * job file's record, with `finished: 1` once the job's result is in it.
 */
export const asyncStatusModule = defineModule({
  name: 'async_status',
  summary: 'Report the status of a job started with `async`, or erase its job file (`mode: cleanup`).',
  runsOn: 'remote',
  idempotent: true,
  checkMode: 'run',
  args,
  probe: async (a, env) => {
    const path = jobFilePath(a.jid, env.environment);
    const content = await readJobFile(path);
    if (content.kind === 'missing')
      throw new ModuleFailure('could not find job', {
        ...baseFields(a.jid),
        results_file: path,
        started: 1,
        finished: 1,
      });
    return { path, content };
  },
  plan: (a) => ({ steps: a.mode === 'cleanup' ? ['erase'] : [], reason: '' }),
  apply: async (a, state) => {
    await removeJobFile(state.path);
    return { ...baseFields(a.jid), changed: false, erased: state.path };
  },
  report: (a, { path, content }) => {
    if (a.mode === 'cleanup') return {};
    const base = { ...baseFields(a.jid), results_file: path, started: 1 };
    if (content.kind === 'unreadable') {
      if (content.text === '') return base;
      throw new ModuleFailure(`Could not parse job output: ${content.text}`, { ...base, finished: 1 });
    }
    const record = { ...content.record };
    if (!('started' in record)) Object.assign(record, { finished: 1, ansible_job_id: a.jid });
    else if (!('finished' in record)) record.finished = 0;
    return { ...base, ...record };
  },
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(asyncStatusModule);
