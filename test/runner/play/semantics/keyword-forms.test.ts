import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('keyword forms Ansible accepts', () => {
  test('vars as a list of mappings merge in order; a templated strategy loads', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  strategy: "{{ chosen | default('linear') }}"
  vars:
    - a: 1
      b: 1
    - b: 2
  tasks:
    - name: show
      debug: msg="{{ a }}{{ b }}{{ c }}"
      vars:
        - c: 3
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('123');
  });
});
