import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('async/poll and vars_prompt are never silently ignored', () => {
  test('async with poll > 0 runs the task in the foreground, bounded by the async seconds', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command: echo done
      async: 30
      poll: 2
      register: out
    - command: sleep 5
      async: 1
      poll: 1
      ignore_errors: true
`,
    });
    expect((run.results[0].result as { stdout?: string }).stdout).toBe('done');
    expect(run.stats).toMatchObject({ ok: 2, ignored: 1 });
  });

  test('async with poll: 0 is a load error naming the file, line and column', async () => {
    await expect(
      runFiles({
        'site.yml':
          '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: sleep 1\n      async: 10\n      poll: 0\n',
      }),
    ).rejects.toThrow(/site\.yml:6:\d+.*poll: 0/s);
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
