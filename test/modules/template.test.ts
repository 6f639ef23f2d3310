import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { playTasks } from './play-support.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tasks = `- template: { src: "{{ work }}/blocks.j2", dest: "{{ work }}/trimmed.txt" }
- template: { src: "{{ work }}/blocks.j2", dest: "{{ work }}/kept.txt", trim_blocks: False }
- template: { src: "{{ work }}/blocks.j2", dest: "{{ work }}/dos.txt", newline_sequence: '\\r\\n' }
- template: { src: "{{ work }}/euro.j2", dest: "{{ work }}/euro.txt", output_encoding: windows-1252 }
- template: { src: "{{ work }}/odd.j2", dest: "{{ work }}/odd.txt", mode: preserve }
  register: preserved
- file: { path: "{{ work }}/link", src: "{{ work }}/trimmed.txt", state: link }
- template: { src: "{{ work }}/odd.j2", dest: "{{ work }}/link", follow: true }
- file: { path: "{{ work }}/into", state: directory }
- template: { src: "{{ work }}/odd.j2", dest: "{{ work }}/into" }
- template: { src: "{{ work }}/blocks.j2", dest: "{{ work }}/x.txt", newline_sequence: "x" }
  register: bad_newline
  ignore_errors: true
- template: { src: "{{ work }}/bad-header.j2", dest: "{{ work }}/x.txt" }
  register: bad_header
  ignore_errors: true
- assert:
    that:
      - preserved.mode == "0547"
      - bad_newline.msg is search('newline_sequence needs to be one of')
      - bad_header.msg is search("AnsibleError. failed to parse jinja2 override 'trim_blocks=False'")
`;

describe('the template module', () => {
  test("renders with the task's Jinja2 settings, newline sequence, output encoding, preserved mode and `follow`", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-template-'));
    writeFileSync(join(dir, 'blocks.j2'), '{% if True %}\nHello\n{% endif %}\nBye\n');
    writeFileSync(join(dir, 'euro.j2'), 'price: 5 €\n');
    writeFileSync(join(dir, 'odd.j2'), '{{ 1 + 1 }}\n');
    chmodSync(join(dir, 'odd.j2'), 0o547);
    writeFileSync(join(dir, 'bad-header.j2'), '#jinja2: trim_blocks=False\nx\n');
    const outcome = await playTasks(dir, tasks);
    expect(outcome.stats.failed).toBe(0);
    expect(readFileSync(join(dir, 'trimmed.txt'), 'utf8')).toBe('2\n'); // written through the link
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'into', 'odd.j2'), 'utf8')).toBe('2\n');
    expect(readFileSync(join(dir, 'kept.txt'), 'utf8')).toBe('\nHello\n\nBye\n');
    expect(readFileSync(join(dir, 'dos.txt'), 'utf8')).toBe('Hello\r\nBye\r\n');
    expect(readFileSync(join(dir, 'euro.txt')).toString('hex')).toBe(
      Buffer.from('price: 5 \x80\n', 'latin1').toString('hex'),
    );
    expect(statSync(join(dir, 'odd.txt')).mode & 0o777).toBe(0o547);
  });
});
