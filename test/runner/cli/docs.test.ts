import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../runner/cli/flags.js';
import { createJsonRecorder } from '../../../runner/report/json-reporter.js';
import { sampleRun } from '../report/fixtures.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('docs stay true to the code', () => {
  it('lists every flag of the flag table in docs/cli.md', () => {
    const doc = read('docs/cli.md');
    for (const flag of FLAGS) {
      expect(doc, `--${flag.long}`).toContain(`--${flag.long}`);
      if (flag.short) expect(doc, `-${flag.short}`).toContain(`-${flag.short}, --${flag.long}`);
    }
  });

  it('documents every flag docs/cli.md mentions in its flag table', () => {
    const doc = read('docs/cli.md');
    const table = doc.slice(doc.indexOf('## Flags'), doc.indexOf('## `ansible.cfg`'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    const documented = rows.flatMap((row) =>
      [...row.split(' | ')[0].matchAll(/--([a-z-]+)/g)].map((m) => m[1]),
    );
    expect(documented.length).toBeGreaterThan(20);
    const known = new Set(FLAGS.flatMap((f) => [f.long, ...(f.aliases ?? [])]));
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
  });

  it('documents every NDJSON field the json reporter writes', () => {
    const doc = read('docs/output.md');
    const toRecord = createJsonRecorder();
    const fields = new Set(sampleRun().flatMap((event) => Object.keys(toRecord(event))));
    for (const field of fields) expect(doc, field).toContain(`\`${field}\``);
  });

  it('shows the recap format the plain reporter prints', () => {
    expect(read('docs/output.md')).toContain(
      'web1                       : ok=3    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1   ',
    );
  });
});
