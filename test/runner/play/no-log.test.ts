import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';
import { NO_LOG_MESSAGE } from '../../../runner/play/results.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';
import type { RunEvent } from '../../../runner/report/events.js';

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

const PLAYBOOK = `
- hosts: all
  gather_facts: false
  tasks:
    - name: visible
      command: printf 'visible-line\\n'
    - name: hidden
      command: printf 'hidden-line-s3cr3t\\n'
      no_log: true
    - name: hidden loop
      shell: "printf '%s\\n' {{ item }}"
      loop: [loop-s3cr3t]
      no_log: true
`;

describe('no_log', () => {
  test("a no_log task's output lines never leave the scheduler; only the censored result does", async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-nolog-'));
    const file = join(work, 'play.yml');
    writeFileSync(file, PLAYBOOK);
    const builder = new InventoryBuilder();
    builder.addHost('alpha', 'ungrouped', { ansible_connection: 'local' });
    const inventory = builder.build();
    const { graph, issues } = compilePlaybook(file, { inventory });
    expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
    const events: RunEvent[] = [];
    const { exitCode } = await runPlaybook({
      graph,
      inventory,
      extraVars: {},
      check: false,
      diff: false,
      verbosity: 0,
      emit: (e) => events.push(e),
    });
    expect(exitCode).toBe(0);
    const lines = events.filter((e) => e.kind === 'host:output').map((e) => (e as { line: string }).line);
    expect(lines).toContain('visible-line');
    expect(JSON.stringify(events)).not.toMatch(/s3cr3t/);
    const hidden = events.find((e) => e.kind === 'task:result' && e.task === 'hidden');
    expect(hidden).toMatchObject({ status: 'changed', result: { censored: NO_LOG_MESSAGE } });
  });
});
