import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-jinja-include-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const templar = new Templar();

function render(text: string, options = {}, vars: Record<string, unknown> = {}): string {
  const path = join(dir, 't.j2');
  writeFileSync(path, text);
  return templar.renderFile(path, vars, undefined, options);
}

describe('include', () => {
  test('takes Jinja2\'s context clause after the name and "ignore missing"', () => {
    writeFileSync(join(dir, 'part.j2'), '[{{ x }}]');
    expect(render("{% include 'part.j2' with context %}", {}, { x: 1 })).toBe('[1]');
    expect(render("{% include 'nope.j2' ignore missing with context %}-", {}, { x: 1 })).toBe('-');
  });
});
