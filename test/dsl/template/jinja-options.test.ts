import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { withTemplateHeader } from '../../../dsl/template/jinja-options.js';
import { Templar, TemplateError } from '../../../dsl/template/templar.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-jinja-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const templar = new Templar();

function render(text: string, options = {}, vars: Record<string, unknown> = {}): string {
  const path = join(dir, 't.j2');
  writeFileSync(path, text);
  return templar.renderFile(path, vars, undefined, options);
}

const BLOCKS = '{% if True %}\nHello world\n{% endif %}\nGoodbye\n';
const INDENTED =
  '{% for i in [1, 2] %}\n    {% if loop.first %}\nA\n    {% else %}\nB\n    {% endif %}\n{% endfor %}\n';

describe("a template file's Jinja2 settings", () => {
  test('trim_blocks is on by default and can be turned off', () => {
    expect(render(BLOCKS)).toBe('Hello world\nGoodbye\n');
    expect(render(BLOCKS, { trimBlocks: false })).toBe('\nHello world\n\nGoodbye\n');
  });

  test('lstrip_blocks removes the blanks before a block that starts a line', () => {
    expect(render(INDENTED)).toBe('    A\n        B\n    \n');
    expect(render(INDENTED, { lstripBlocks: true })).toBe('A\nB\n');
  });

  test('a comment, with other delimiters too, takes its newline with it as a block does', () => {
    expect(render('Before\n{# note #}\nAfter\n')).toBe('Before\nAfter\n');
    const custom = { commentStart: '[#', commentEnd: '#]' };
    expect(render('Before\n[# note #]\nAfter\n', custom)).toBe('Before\nAfter\n');
    expect(render('Before\n  {# note #}\nAfter\n', { lstripBlocks: true })).toBe('Before\nAfter\n');
    expect(render('{# a {# b #} #} c')).toBe(' #} c');
  });

  test('other variable and block delimiters replace the usual ones', () => {
    const options = { variableStart: '[[', variableEnd: ']]', blockStart: '[%', blockEnd: '%]' };
    expect(render('[% if x %][[ x ]] {{ x }}[% endif %]\n', options, { x: 1 })).toBe('1 {{ x }}\n');
  });

  test("newline_sequence writes the template's newlines, not those inside values, as the sequence", () => {
    expect(render('a\n{{ v }}\nb\n', { newlineSequence: '\r\n' }, { v: 'x\ny' })).toBe('a\r\nx\ny\r\nb\r\n');
    expect(render('a\r\nb\r\n')).toBe('a\nb\n');
  });

  test("a `#jinja2:` first line sets the template's own settings, over the task's", () => {
    expect(render(`#jinja2: trim_blocks: False\n${BLOCKS}`)).toBe('\nHello world\n\nGoodbye\n');
    expect(
      render(`#jinja2: trim_blocks: False, lstrip_blocks: True\n${INDENTED}`, { trimBlocks: true }),
    ).toBe('\n\nA\n\n\n\nB\n\n');
  });

  test('line statements and line comments are read when their prefixes are set', () => {
    expect(render('#jinja2: line_statement_prefix:":"\n: if true\nfoo\n: endif\n')).toBe('foo\n');
    expect(render('a ## gone\nb\n', { lineCommentPrefix: '##' })).toBe('a\nb\n');
  });

  test('a `#jinja2:` pair without a colon fails with the pair in the message', () => {
    expect(() => withTemplateHeader('#jinja2: lstrip_blocks=True\n', {})).toThrow(TemplateError);
    expect(() => withTemplateHeader('#jinja2: lstrip_blocks=True\n', {})).toThrow(
      "failed to parse jinja2 override 'lstrip_blocks=True'. Did you use something different from colon",
    );
  });
});
