import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PyDateTime } from '../../../dsl/template/python-datetime.js';
import { Templar } from '../../../dsl/template/templar.js';
import { templateFileVariables } from '../../../dsl/template/template-variables.js';

const templar = new Templar();
const work = mkdtempSync(join(tmpdir(), 'spindle-now-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the now() global', () => {
  test('formats the current time with fmt, by keyword or position', () => {
    const before = Date.now() / 1000;
    const stamp = Number(templar.render("{{ now(fmt='%s.%f') }}", {}));
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before));
    expect(stamp).toBeLessThan(before + 60);
    expect(templar.render("{{ now(true, '%Y') }}", {})).toBe(String(new Date().getUTCFullYear()));
  });

  test('gives a datetime without fmt', () => {
    expect(templar.evaluate('now(utc=True)', {})).toBeInstanceOf(PyDateTime);
    expect(templar.evaluate('now().year', {})).toBe(new Date().getFullYear());
  });
});

describe('the variables of a template file', () => {
  test('name the file as given and as found, its owner, dates and the destination', () => {
    const file = join(work, 'a.j2');
    writeFileSync(file, '{{ template_path }} {{ template_destpath }} {{ ansible_managed }}\n');
    const vars = templateFileVariables('a.j2', file, '/etc/a.conf');
    expect(vars.template_fullpath).toBe(file);
    expect(vars.template_mtime).toBeInstanceOf(PyDateTime);
    expect(vars.template_run_date).toBeInstanceOf(PyDateTime);
    expect(typeof vars.template_uid).toBe('string');
    expect(templar.renderFile(file, vars)).toBe('a.j2 /etc/a.conf Ansible managed\n');
    expect(templateFileVariables('a.j2', file).template_destpath).toBeNull();
  });

  test('are defined in the template lookup', () => {
    const file = join(work, 'b.j2');
    writeFileSync(
      file,
      '{{ template_path }}|{{ template_mtime is defined }}|{{ template_uid | length > 0 }}',
    );
    expect(templar.render(`{{ lookup('template', '${file}') }}`, {})).toBe(`${file}|True|True`);
  });
});
