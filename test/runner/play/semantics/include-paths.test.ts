import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('where include_tasks finds its file', () => {
  test('a nested include_tasks looks beside the including file first, then in the role tasks folder', async () => {
    const run = await runFiles({
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [r]\n',
      'roles/r/tasks/main.yml': '- include_tasks: nested/outer.yml\n- include_tasks: top.yml\n',
      'roles/r/tasks/nested/outer.yml': '- include_tasks: inner.yml\n',
      'roles/r/tasks/nested/inner.yml': '- name: inner\n  debug: msg=inner\n',
      'roles/r/tasks/top.yml': '- name: top\n  debug: msg=top\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.task === 'inner' || r.task === 'r : inner').length).toBe(1);
    expect(run.results.filter((r) => /top$/.test(r.task)).length).toBe(1);
  });
});
