import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const messages = (run: Awaited<ReturnType<typeof runFiles>>) =>
  run.results.map((r) => (r.result as { msg?: string }).msg).filter((m) => m !== undefined);

describe('--tags and the tasks of an include, as Ansible', () => {
  test("an include's tags are its own: under --tags only included tasks with the tag run", async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inner.yml
      tags: [x]
`,
        'inner.yml': `- debug: msg=untagged
- debug: msg=tagged
  tags: x
`,
      },
      { tags: ['x'] },
    );
    expect(run.exitCode).toBe(0);
    expect(messages(run)).toEqual(['tagged']);
  });

  test('apply: {tags} gives every included task the tags, so they run', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks:
        file: inner.yml
        apply: {tags: [x]}
      tags: [x]
`,
        'inner.yml': `- debug: msg=first
- debug: msg=second
`,
      },
      { tags: ['x'] },
    );
    expect(run.exitCode).toBe(0);
    expect(messages(run)).toEqual(['first', 'second']);
  });

  test('the tags of the play and enclosing blocks reach the included tasks', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tags: [x]
  tasks:
    - block:
        - include_tasks: inner.yml
`,
        'inner.yml': `- debug: msg=inherited
`,
      },
      { tags: ['x'] },
    );
    expect(run.exitCode).toBe(0);
    expect(messages(run)).toEqual(['inherited']);
  });
});
