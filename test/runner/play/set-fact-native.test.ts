import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder } from '../../../dsl/index.js';
import { runPlaybook } from '../../../runner/play/run-playbook.js';

let work: string;
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function exitCodeOf(playbook: string, jinja2Native: boolean): Promise<number> {
  const builder = new InventoryBuilder();
  builder.addHost('alpha', 'ungrouped', { ansible_connection: 'local' });
  const inventory = builder.build();
  const { graph } = compilePlaybook(playbook, { inventory });
  const outcome = await runPlaybook({
    graph,
    inventory,
    extraVars: {},
    check: false,
    diff: false,
    verbosity: 0,
    jinja2Native,
    emit: () => {},
  });
  return outcome.exitCode;
}

describe('set_fact and jinja2_native', () => {
  test('yes/no text stays text under jinja2_native, and becomes a boolean without it', async () => {
    work = mkdtempSync(join(tmpdir(), 'spindle-native-'));
    const playbook = join(work, 'site.yml');
    const facts = `- hosts: all\n  gather_facts: false\n  vars: { answer: "no" }\n  tasks:\n    - set_fact: { said: "yes", copied: "{{ answer }}", count: "{{ '3' }}" }\n`;
    writeFileSync(
      playbook,
      `${facts}    - assert: { that: ["said == 'yes'", "copied == 'no'", "count == 3"] }\n`,
    );
    expect(await exitCodeOf(playbook, true)).toBe(0);
    writeFileSync(
      playbook,
      `${facts}    - assert: { that: ["said == True", "copied == False", "count == '3'"] }\n`,
    );
    expect(await exitCodeOf(playbook, false)).toBe(0);
  });
});
