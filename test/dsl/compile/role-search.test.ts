import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../../dsl/index.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-role-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('role search', () => {
  test("a role in the playbook's own folder (not under roles/) is found, as Ansible's last resort", () => {
    mkdirSync(join(dir, 'beside', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'beside', 'tasks', 'main.yml'), '- debug: { msg: found }\n');
    writeFileSync(join(dir, 'site.yml'), '- hosts: all\n  roles:\n    - beside\n');
    const builder = new InventoryBuilder();
    builder.addHost('web1', 'web');
    const { issues } = compilePlaybook(join(dir, 'site.yml'), { inventory: builder.build() });
    expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
  });
});
