import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { moduleTable } from '../support/module-table.js';

describe('docs/modules.md', () => {
  test('holds the module table generated from the registry', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'modules.md'), 'utf8');
    const committed = doc
      .slice(doc.indexOf('<!-- module-table:start -->') + 27, doc.indexOf('<!-- module-table:end -->'))
      .trim();
    expect(committed).toBe(moduleTable());
  });
});
