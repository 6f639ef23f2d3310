import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('async jobs and vars_prompt as Ansible runs them', () => {
  test('async with poll > 0 polls the background job and ends with its result, or fails when async runs out', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    ansible_async_dir: WORK/jobs
  tasks:
    - command: echo done
      async: 30
      poll: 1
      register: out
    - command: sleep 30
      async: 1
      poll: 1
      ignore_errors: true
      register: late
    - find: paths=WORK/jobs
      register: left
`,
    });
    const out = run.results[0].result as Record<string, unknown>;
    expect(out).toMatchObject({ stdout: 'done', finished: 1, started: 1, changed: true });
    expect(String(out.ansible_job_id)).toMatch(/^j\d+\.\d+$/);
    const late = run.results[1].result as Record<string, unknown>;
    expect(late.msg).toBe('async task did not complete within the requested time - 1s');
    expect(late.async_result).toMatchObject({ started: 1, finished: 0 });
    // The finished job's file was erased; the one still running keeps its own.
    expect((run.results[2].result as { matched?: number }).matched).toBe(1);
    expect(run.stats).toMatchObject({ ok: 3, changed: 1, ignored: 1 });
    // The lines Ansible's default callback prints for polled jobs.
    const said = run.events.flatMap((e) => (e.kind === 'verbose' && e.level === 0 ? [e.msg] : []));
    const lateJid = (late.async_result as { ansible_job_id: string }).ansible_job_id;
    expect(said).toEqual([
      `ASYNC OK on localhost: jid=${out.ansible_job_id}`,
      `ASYNC POLL on localhost: jid=${lateJid} started=1 finished=0`,
      `ASYNC FAILED on localhost: jid=${lateJid}`,
    ]);
  });

  test('async with poll: 0 starts the job and answers at once; async_status reports it, then erases it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    ansible_async_dir: WORK/jobs
  tasks:
    - shell: sleep 1; echo hi
      async: 20
      poll: 0
      register: job
    - async_status: jid={{ job.ansible_job_id }}
      register: status
      until: status is finished
      retries: 30
      delay: 1
    - async_status: jid={{ job.ansible_job_id }} mode=cleanup
      register: cleanup
    - async_status: jid={{ job.ansible_job_id }}
      ignore_errors: true
    - debug: msg=hi
      async: 5
      ignore_errors: true
`,
    });
    const [job, status, cleanup, gone, debug] = run.results.map((r) => r.result as Record<string, unknown>);
    expect(job).toMatchObject({ started: 1, finished: 0, changed: true });
    expect(job.results_file).toBe(join(run.dir, 'jobs', String(job.ansible_job_id)));
    expect(status).toMatchObject({ finished: 1, stdout: 'hi', rc: 0, ansible_job_id: job.ansible_job_id });
    expect(cleanup.erased).toBe(job.results_file);
    expect(gone).toMatchObject({ failed: true, msg: 'could not find job' });
    expect(debug.msg).toBe('async is not supported for this task.');
  });

  test("an Ansible module's job keeps what the module wrote to stderr (a traceback too) and warns of junk after its JSON, as async_wrapper does", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    ansible_async_dir: WORK/jobs
  tasks:
    - raiser:
      async: 20
      poll: 1
      register: out
      ignore_errors: true
    - talker:
      async: 20
      poll: 1
      register: talked
`,
      'library/talker.py': `import sys
from ansible.module_utils.basic import AnsibleModule
module = AnsibleModule(argument_spec={})
print('printed to stderr', file=sys.stderr)
try:
    module.exit_json(changed=True)
finally:
    print('trailing junk after module output')
`,
      'library/raiser.py': `from ansible.module_utils.basic import AnsibleModule
module = AnsibleModule(argument_spec={})
raise Exception('boom from the job')
`,
    });
    const out = run.results[0].result as Record<string, unknown>;
    expect(out).toMatchObject({ failed: true, finished: 1 });
    expect(String(out.stderr)).toContain('boom from the job');
    expect(run.results[1].result).toMatchObject({
      changed: true,
      finished: 1,
      stderr: 'printed to stderr\n',
      warnings: ['Module invocation had junk after the JSON data: trailing junk after module output'],
    });
    expect(run.stats).toMatchObject({ ignored: 1, changed: 1 });
  });

  test('vars_prompt takes -e answers and defaults, and an unanswerable prompt is a load error', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  vars_prompt:
    - name: given
      prompt: Given?
    - name: defaulted
      prompt: Defaulted?
      default: dflt
  tasks:
    - debug: msg="{{ given }} {{ defaulted }}"
`,
      },
      { extraVars: { given: 'cli' } },
    );
    expect((run.results[0].result as { msg?: string }).msg).toBe('cli dflt');
    await expect(
      runFiles({
        'site.yml':
          '- hosts: all\n  gather_facts: false\n  vars_prompt:\n    - name: secret\n      prompt: Secret?\n  tasks: []\n',
      }),
    ).rejects.toThrow(/site\.yml:4:\d+.*vars_prompt `secret`/s);
  });
});
